import { z } from 'zod';

/**
 * One supervised app's restarts as `npm start` / `npm test` record them (a
 * field of the hash at `supervisorRestartsKey`, named after the app) and the
 * monitoring page reads them.
 */
export const SupervisedRestarts = z.object({
  restarts: z.number().int().nonnegative(),
  /** Null when it gave up before any restart. */
  lastRestartAt: z.iso.datetime({ offset: true }).nullable(),
  /** It crash-looped past the supervisor's budget and stays down until the next start. */
  gaveUp: z.boolean(),
});
export type SupervisedRestarts = z.infer<typeof SupervisedRestarts>;

/**
 * The Redis hash of restarts of one environment, namespaced by the Kafka
 * topic prefix like every other key of the web app (web/server/utils/redis.ts
 * `redisKey`): a test run owns its own.
 */
export function supervisorRestartsKey(topicPrefix: string): string {
  return ['billstream', topicPrefix || 'default', 'supervisor', 'restarts'].join(':');
}
