import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import pino from 'pino';
import type { RuntimeConfig } from './config.ts';

/** The runtime owns every client; apps receive them and never create their own. */
export interface Clients {
  readonly kafka: Kafka;
  readonly pool: pg.Pool;
  readonly redis: Redis;
  readonly log: pino.Logger;
}

const PG_POOL_CONNECTIONS_MAX = 8;

// Money leaves PostgreSQL as text: NUMERIC must never become a JS number.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => value);

export function createClients(appName: string, config: RuntimeConfig): Clients {
  const log = pino({ level: config.logLevel, base: { app: appName } });
  const kafka = new Kafka({
    clientId: `billstream-${appName}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: entry }) => {
        const { message, ...rest } = entry;
        if (level <= logLevel.ERROR) log.error({ namespace, ...rest }, message);
        else log.warn({ namespace, ...rest }, message);
      },
  });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: PG_POOL_CONNECTIONS_MAX });
  pool.on('error', (error) => log.error({ err: error }, 'postgres pool error'));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (error) => log.warn({ err: error.message }, 'redis error'));
  return { kafka, pool, redis, log };
}

export async function closeClients(clients: Clients): Promise<void> {
  await clients.pool.end().catch(() => {});
  clients.redis.disconnect();
}
