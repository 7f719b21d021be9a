import { assertProductionConfig } from '../utils/productionConfig';

/** First plugin: a production web app without its secrets stops here, before it serves anything. */
export default defineNitroPlugin(() => {
  if (import.meta.prerender) return;
  assertProductionConfig(process.env);
});
