import { purgeExpiredIdempotencyKeys } from '../services/idempotency/purgeExpiredIdempotencyKeys';

/** How often expired idempotency keys are deleted (they live IDEMPOTENCY_TTL_SECONDS, a day). */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Deletes expired idempotency keys at boot and then periodically, so the
 * table holds about one day of keys. Several web instances may purge at
 * once: SKIP LOCKED lets them split the rows instead of waiting.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.prerender) return;
  let running = false;
  const purge = () => {
    if (running) return;
    running = true;
    purgeExpiredIdempotencyKeys()
      .catch((error: unknown) => {
        console.error('[idempotency] purge failed, retrying later:', error instanceof Error ? error.message : error);
      })
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(purge, IDEMPOTENCY_PURGE_INTERVAL_MS);
  timer.unref();
  purge();
  nitroApp.hooks.hook('close', () => clearInterval(timer));
});
