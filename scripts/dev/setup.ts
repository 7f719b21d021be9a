import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { bindDatabaseToCluster, describeClusterId } from '../../streams/src/runtime/kafka/clusterBinding.ts';
import { publishAccounts } from './accounts.ts';
import type { Config } from './config.ts';
import { ensureKafka } from './kafka.ts';
import { say } from './log.ts';
import { publishMasterData } from './masterData.ts';
import { ensurePostgres } from './postgres.ts';
import { ensureRedis } from './redis.ts';
import { processorApps } from './streams.ts';
import { publishSubscriptions } from './subscriptions.ts';
import { ensureTopics } from './topics.ts';

/** PostgreSQL, Redis and Kafka: reuse what answers, start the rest. */
export async function ensureServices(config: Config): Promise<void> {
  const postgres = await ensurePostgres(config);
  say(`PostgreSQL ${postgres}: ${redact(config.databaseUrl)}`);
  const redis = await ensureRedis(config);
  say(`Redis ${redis}: ${config.redisUrl}`);
  const kafka = await ensureKafka(config);
  say(`Kafka ${kafka}: ${config.kafkaBrokers.join(',')}`);
}

export async function prepareData(config: Config, options: { freshDatabase: boolean }): Promise<SeedSummary> {
  const db = await import('@billstream/db');
  // Checked first: production refuses to seed without the operator's admin password.
  const chosen = db.seedSetup(config.env);
  if (!chosen.ok) throw new Error(`refusing to seed: ${chosen.problem}`);
  if (options.freshDatabase) {
    await db.dropDatabase(db.withDatabase(config.databaseUrl, 'postgres'), db.databaseName(config.databaseUrl));
  }
  await db.ensureDatabase(config.databaseUrl);
  const migrated = await db.migrate(config.databaseUrl, { log: (message: string) => say(`migrate: ${message}`) });
  say(`migrations: ${migrated.applied.length} applied, ${migrated.skipped} already applied`);
  const clusterId = await bindToKafkaCluster(config);
  say(`Kafka cluster ${clusterId}: the database's views belong to it`);
  const topics = await ensureTopics(config.kafkaBrokers, config.kafkaTopicPrefix, config.kafkaReplicationFactor);
  say(`topics: ${topics.created.length} created, ${topics.existing.length} already there`);
  const seeded = await db.seed(config.databaseUrl, chosen.setup);
  const announced = await publishAccounts(config.databaseUrl, config.kafkaBrokers, config.kafkaTopicPrefix);
  say(`accounts: ${announced} announced to the ledger and master-data`);
  const published = await publishMasterData(config.databaseUrl, config.kafkaBrokers, config.kafkaTopicPrefix);
  say(`master data: ${published} categories, products and configurations published`);
  if (chosen.setup.demo) {
    const plans = await publishSubscriptions(config.databaseUrl, config.kafkaBrokers, config.kafkaTopicPrefix);
    say(`subscriptions: ${plans} demo plan and subscription commands sent`);
  } else say('demo: not seeded (production without SEED_DEMO=true)');
  return { admin: seeded.admin, accounts: seeded.accounts, demo: chosen.setup.demo };
}

/**
 * Refuses, before anything is published, a database whose views were built
 * from another Kafka cluster (a second clone or a deleted .data/ with the same
 * DATABASE_URL); the error names both clusters and the way out.
 */
async function bindToKafkaCluster(config: Config): Promise<string> {
  const kafka = new Kafka({ brokers: config.kafkaBrokers, logLevel: logLevel.WARN, clientId: 'billstream-setup' });
  const clusterId = await describeClusterId(kafka);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
  try {
    const appIds = processorApps(config).map((app) => `${config.kafkaTopicPrefix}${app.name}`);
    await bindDatabaseToCluster(pool, clusterId, appIds);
  } finally {
    await pool.end();
  }
  return clusterId;
}

export interface SeedSummary {
  readonly admin: { email: string; password: string };
  /** Whether the demo organization was seeded (the demo invoices and payments need it). */
  readonly demo: boolean;
  readonly accounts: readonly { id: string; accountNumber: string; currency: string }[];
}

export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
