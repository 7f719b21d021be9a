import { closeDb } from '../utils/db';
import { closeProducer, useProducer } from '../utils/kafka';
import { closeLiveUpdates } from '../utils/liveUpdates';
import { closeRedis } from '../utils/redis';

/**
 * Connect the producer at boot so the first POST does not pay for it, and
 * close every connection on shutdown so in-flight sends are flushed.
 */
export default defineNitroPlugin((nitroApp) => {
  if (!import.meta.prerender) {
    useProducer().catch((error: unknown) => {
      console.error(
        '[kafka] initial connect failed (will retry on demand):',
        error instanceof Error ? error.message : error,
      );
    });
  }
  nitroApp.hooks.hook('close', async () => {
    await Promise.allSettled([closeProducer(), closeRedis(), closeDb(), closeLiveUpdates()]);
  });
});
