import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import pino from 'pino';
import { type ClickHouse, clickHouseConfigFromEnv, openClickHouse } from './clickhouse/clickhouse.ts';
import type { RuntimeConfig } from './config.ts';

/** The runtime owns every client; apps receive them and never create their own. */
export interface Clients {
  readonly kafka: Kafka;
  readonly pool: pg.Pool;
  readonly redis: Redis;
  readonly log: pino.Logger;
  /**
   * ClickHouse, opened on first call: embedded chDB lets one process hold a
   * data path, so only the app that asks (the usage processor) opens it.
   */
  clickhouse(): Promise<ClickHouse>;
}

const PG_POOL_CONNECTIONS_MAX = 8;

/** KafkaJS reports a routine rebalance (a member joined or left) as an error; it is a warning: the member rejoins. */
const ROUTINE_KAFKA_ERRORS = ['The group is rebalancing, so a rejoin is needed'];

/** The pino level for a KafkaJS log entry: routine rebalances are warnings, not errors. */
export function kafkaEntryLevel(level: logLevel, error: unknown): 'error' | 'warn' {
  if (typeof error === 'string' && ROUTINE_KAFKA_ERRORS.includes(error)) return 'warn';
  return level <= logLevel.ERROR ? 'error' : 'warn';
}

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
        log[kafkaEntryLevel(level, rest.error)]({ namespace, ...rest }, message);
      },
  });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: PG_POOL_CONNECTIONS_MAX });
  pool.on('error', (error) => log.error({ err: error }, 'postgres pool error'));
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (error) => log.warn({ err: error.message }, 'redis error'));
  const clients: Clients = {
    kafka,
    pool,
    redis,
    log,
    clickhouse() {
      let opening = openedClickHouse.get(clients);
      if (!opening) {
        opening = openClickHouse(clickHouseConfigFromEnv(process.env));
        openedClickHouse.set(clients, opening);
      }
      return opening;
    },
  };
  return clients;
}

/** ClickHouse per client set, once something opened it (closing must not open chDB's data path). */
const openedClickHouse = new WeakMap<Clients, Promise<ClickHouse>>();

export async function closeClients(clients: Clients): Promise<void> {
  await clients.pool.end().catch(() => {});
  clients.redis.disconnect();
  const clickhouse = openedClickHouse.get(clients);
  if (clickhouse) await (await clickhouse).close().catch(() => {});
}
