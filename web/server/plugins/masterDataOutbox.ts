import { drainMasterDataOutbox } from '../services/masterData/outbox';
import { runPeriodically } from '../utils/periodicTask';

/** How often leftovers of the master-data outbox (a crash, a Kafka outage) are published. */
export const OUTBOX_DRAIN_INTERVAL_MS = 5_000;

/**
 * Publishes what earlier requests committed but could not produce: at boot
 * (after a crash) and then periodically. A request's own drain normally
 * empties the outbox first, so this usually finds nothing.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.prerender) return;
  runPeriodically(nitroApp, 'master-data outbox drain', OUTBOX_DRAIN_INTERVAL_MS, () =>
    drainMasterDataOutbox({ wait: false }),
  );
});
