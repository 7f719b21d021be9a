import { useDb } from '../../utils/db';
import { useProducer } from '../../utils/kafka';
import { useRedis } from '../../utils/redis';

export type Dependency = 'database' | 'redis' | 'kafka';

/** One dependency's answer. `error` is the driver's text: for admins only (it may name hosts and users). */
export interface DependencyCheck {
  readonly status: 'up' | 'down';
  readonly latencyMs: number;
  readonly error?: string;
}

export type HealthChecks = Record<Dependency, DependencyCheck>;

const CHECK_TIMEOUT_MS = 3_000;

async function check(run: () => Promise<unknown>): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    await Promise.race([run(), timeout]);
    return { status: 'up', latencyMs: latency() };
  } catch (error) {
    return { status: 'down', latencyMs: latency(), error: error instanceof Error ? error.message : String(error) };
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
  return { healthy: Object.values(checks).every((value) => value.status === 'up'), checks };
}

/** What anyone may see: up or down per dependency, nothing about why. */
export function publicChecks(checks: HealthChecks): Record<Dependency, DependencyCheck['status']> {
  return { database: checks.database.status, redis: checks.redis.status, kafka: checks.kafka.status };
}
