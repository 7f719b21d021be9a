import { z } from 'zod';

/**
 * Zod 4 probes `new Function('')` to decide whether it may compile parsers
 * with eval. Under the app's CSP (no 'unsafe-eval', see nuxt.config.ts) that
 * probe is blocked and reported as a violation on every page, so the browser
 * bundle tells zod up front to run without eval.
 */
export default defineNuxtPlugin(() => {
  z.config({ jitless: true });
});
