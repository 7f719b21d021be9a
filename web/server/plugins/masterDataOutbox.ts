import { drainMasterDataOutbox } from '../services/masterData/outbox';

/** How often leftovers of the master-data outbox (a crash, a Kafka outage) are published. */
export const OUTBOX_DRAIN_INTERVAL_MS = 5_000;

/**
 * Publishes what earlier requests committed but could not produce: at boot
 * (after a crash) and then periodically. A request's own drain normally
 * empties the outbox first, so this usually finds nothing.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.prerender) return;
  let running = false;
  const drain = () => {
    if (running) return;
    running = true;
    drainMasterDataOutbox({ wait: false })
      .catch((error: unknown) => {
        console.error('[master-data] outbox drain failed, retrying:', error instanceof Error ? error.message : error);
      })
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(drain, OUTBOX_DRAIN_INTERVAL_MS);
  timer.unref();
  drain();
  nitroApp.hooks.hook('close', () => clearInterval(timer));
});
