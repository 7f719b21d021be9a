import { purgeExpiredIdempotencyKeys } from '../services/idempotency/purgeExpiredIdempotencyKeys';
import { runPeriodically } from '../utils/periodicTask';

/** How often expired idempotency keys are deleted (they live IDEMPOTENCY_TTL_SECONDS, a day). */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Deletes expired idempotency keys at boot and then periodically, so the
 * table holds about one day of keys. Several web instances may purge at
 * once: SKIP LOCKED lets them split the rows instead of waiting.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.prerender) return;
  runPeriodically(nitroApp, 'idempotency purge', IDEMPOTENCY_PURGE_INTERVAL_MS, () => purgeExpiredIdempotencyKeys());
});
