import crypto from 'node:crypto';
import { TOPICS, topicName } from '@billstream/contracts';
import { Redis } from 'ioredis';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/** Integration tests run inside `npm test`, which sets these for the test environment. */
export function testEnv() {
  const required = (key: string) => {
    const value = process.env[key];
    if (!value) throw new Error(`${key} is not set: run integration tests through \`npm test\``);
    return value;
  };
  return {
    databaseUrl: required('DATABASE_URL'),
    kafkaBrokers: required('KAFKA_BROKERS').split(','),
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
    redisUrl: required('REDIS_URL'),
  };
}

export function kafkaClient(brokers: string[]): Kafka {
  return new Kafka({ brokers, clientId: `test-${crypto.randomUUID()}`, logLevel: logLevel.NOTHING });
}

/** Connections one processor's test file holds: PostgreSQL, Kafka and an idempotent producer. */
export interface ProcessorTestClients {
  readonly env: ReturnType<typeof testEnv>;
  readonly pool: pg.Pool;
  readonly kafka: Kafka;
  /** Connected before the file's tests run, disconnected after. */
  readonly producer: Producer;
}

/**
 * The clients of a processor's integration test file, opened before its tests
 * and closed after them (Redis too, when the file reads Redis views).
 */
export function processorTestClients(): ProcessorTestClients;
export function processorTestClients(options: { redis: true }): ProcessorTestClients & { readonly redis: Redis };
export function processorTestClients(options: { redis?: boolean } = {}) {
  const env = testEnv();
  const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 4 });
  const kafka = kafkaClient(env.kafkaBrokers);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const redis = options.redis ? new Redis(env.redisUrl) : undefined;
  beforeAll(async () => {
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await pool.end();
    redis?.disconnect();
  });
  return { env, pool, kafka, producer, ...(redis ? { redis } : {}) };
}

/**
 * A fresh active account of the seeded organization, so tests never share
 * balances: the row in PostgreSQL (what the API checks) and the account state
 * announced to the ledger on its command topic, ahead of any transaction.
 */
export async function createAccount(
  pool: pg.Pool,
  currency = 'USD',
  creditLimit = '0',
  kafka?: Kafka,
  organizationId?: string,
  topicPrefix = testEnv().topicPrefix,
): Promise<string> {
  const org =
    organizationId === undefined
      ? await pool.query<{ id: string }>('SELECT id FROM organizations ORDER BY created_at LIMIT 1')
      : { rows: [{ id: organizationId }] };
  if (!org.rows[0]) throw new Error('no organization: the seed did not run');
  const id = crypto.randomUUID();
  await pool.query(
    `INSERT INTO billing_accounts (id, organization_id, account_number, currency, status, credit_limit)
     VALUES ($1, $2, $3, $4, 'active', $5)`,
    [id, org.rows[0].id, `T-${id.slice(0, 18)}`, currency, creditLimit],
  );
  const env = testEnv();
  const producer = (kafka ?? kafkaClient(env.kafkaBrokers)).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const event = {
    eventId: crypto.randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'test',
    type: 'BillingAccountUpserted',
    version: 1,
    data: {
      id,
      organizationId: org.rows[0].id,
      accountNumber: `T-${id.slice(0, 18)}`,
      currency,
      status: 'active',
      creditLimit,
      updatedAt: new Date().toISOString(),
    },
  };
  // The ledger reads accounts from its command topic, billing from the master-data table.
  await producer.sendBatch({
    acks: -1,
    topicMessages: [
      {
        topic: topicName(TOPICS.transactionCommands, topicPrefix),
        messages: [{ key: id, value: JSON.stringify(event) }],
      },
      {
        topic: topicName(TOPICS.masterData, topicPrefix),
        messages: [{ key: `account:${id}`, value: JSON.stringify(event) }],
      },
    ],
  });
  await producer.disconnect();
  return id;
}

export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  attempts = 300,
): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A fresh organization, so a test owns its invoice numbering and test clock. */
export async function createOrganization(pool: pg.Pool, testMode = true): Promise<string> {
  const id = crypto.randomUUID();
  await pool.query('INSERT INTO organizations (id, name, slug, test_mode) VALUES ($1, $2, $3, $4)', [
    id,
    `Test ${id.slice(0, 8)}`,
    `test-${id}`,
    testMode,
  ]);
  return id;
}

export function envelope(type: string, data: object) {
  return { eventId: crypto.randomUUID(), occurredAt: new Date().toISOString(), source: 'test', type, version: 1, data };
}

export function command(accountId: string, type: 'credit' | 'debit', amount: string, currency = 'USD') {
  return {
    eventId: crypto.randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'test',
    type: 'TransactionRequested',
    version: 1,
    data: { transactionId: crypto.randomUUID(), accountId, type, amount, currency },
  };
}

/**
 * An idempotent producer connected before the file's tests and closed with
 * the pool after them; call at the top level of a test file.
 */
export function sharedProducer(kafka: Kafka, pool: pg.Pool, hooks: { beforeAll: Hook; afterAll: Hook }) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  hooks.beforeAll(() => producer.connect());
  hooks.afterAll(async () => {
    await producer.disconnect();
    await pool.end();
  });
  return producer;
}
type Hook = (fn: () => Promise<void>) => void;
