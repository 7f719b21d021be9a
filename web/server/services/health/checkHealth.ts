import { useDb } from '../../utils/db';
import { useProducer } from '../../utils/kafka';
import { useRedis } from '../../utils/redis';

export type HealthChecks = Record<'database' | 'redis' | 'kafka', 'ok' | string>;

const CHECK_TIMEOUT_MS = 3_000;

async function check(run: () => Promise<unknown>): Promise<'ok' | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([run(), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness: the API can only accept commands when all three answer. */
export async function checkHealth(): Promise<{ healthy: boolean; checks: HealthChecks }> {
  const [database, redis, kafka] = await Promise.all([
    check(() => useDb().$queryRaw`SELECT 1`),
    check(() => useRedis().ping()),
    check(() => useProducer()),
  ]);
  const checks = { database, redis, kafka };
  return { healthy: Object.values(checks).every((value) => value === 'ok'), checks };
}
