import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOPICS, topicName } from '@billstream/contracts';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageApp } from '../src/apps/usage/usageApp.ts';
import type { AppContext, RunningApp } from '../src/runtime/app.ts';
import { storedNextOffset } from '../src/runtime/clickhouse/clickhouseSink.ts';
import { type Clients, closeClients, createClients } from '../src/runtime/clients.ts';
import type { RouteHandler } from '../src/runtime/httpRoutes.ts';
import { dlqTopicName } from '../src/runtime/kafka/topologyRunner.ts';
import { Metrics } from '../src/runtime/metrics.ts';
import { kafkaClient, testEnv, waitUntil } from './helpers.ts';

/**
 * The usage processor on the real broker and embedded ClickHouse, run in
 * this process under its own topic prefix and data path (the suite's own
 * usage processor owns the run's chDB path: one process per path).
 */
const env = testEnv();
const prefix = `${env.topicPrefix}usage-${crypto.randomUUID().slice(0, 8)}.`;
const topic = topicName(TOPICS.usageEvents, prefix);
const appId = `${prefix}usage`;
const kafka = kafkaClient(env.kafkaBrokers);
const dataPath = fs.mkdtempSync(path.join(os.tmpdir(), 'billstream-usage-test-'));
const ORGS = [crypto.randomUUID(), crypto.randomUUID()];
const ACCOUNTS = Object.fromEntries(
  ORGS.map((org) => [org, [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]]),
);
/** Events per organization; about one in eight is sent twice. */
const EVENTS_PER_ORG = 1_500;

let clients: Clients;
let running: RunningApp | null = null;
let producer: Producer;
/** The routes the app serves on its HTTP port (runApp would put them there). */
const routes = new Map<string, RouteHandler>();

function context(): AppContext {
  const config = {
    kafkaBrokers: env.kafkaBrokers,
    topicPrefix: prefix,
    databaseUrl: env.databaseUrl,
    redisUrl: env.redisUrl,
    httpPort: 0,
    httpHost: '127.0.0.1',
    logLevel: 'warn',
  };
  return {
    config,
    clients,
    metrics: new Metrics(),
    setReady: () => {},
    serve: (route, handler) => routes.set(route, handler),
  };
}

function usageEvent(organizationId: string, accountId: string, transactionId: string, value: string) {
  return {
    key: accountId,
    value: JSON.stringify({
      eventId: crypto.randomUUID(),
      occurredAt: new Date().toISOString(),
      source: 'test',
      type: 'UsageEventReceived',
      version: 1,
      data: {
        organizationId,
        transactionId,
        accountId,
        code: 'api_calls',
        timestamp: '2026-12-01T10:00:00.000Z',
        properties: { value },
      },
    }),
  };
}

/** The oracle: per organization and account, the distinct events and the exact sum of their values, in ten-thousandths. */
type Oracle = Map<string, { count: number; sum: bigint }>;
const oracle = new Map<string, Oracle>(ORGS.map((org) => [org, new Map()]));
const tenThousandths = (value: string) => BigInt(value.replace('.', ''));
const format = (units: bigint) =>
  `${units / 10_000n}.${(units % 10_000n).toString().padStart(4, '0')}`.replace(/\.?0+$/, '');

function generate(count: number) {
  const messages: { key: string; value: string }[] = [];
  for (const org of ORGS) {
    for (let index = 0; index < count; index += 1) {
      const account = ACCOUNTS[org]![index % 3]!;
      const value = `${crypto.randomInt(0, 1_000)}.${crypto.randomInt(0, 10_000).toString().padStart(4, '0')}`;
      const message = usageEvent(org, account, crypto.randomUUID(), value);
      messages.push(message);
      if (index % 8 === 0) messages.push(message);
      const entry = oracle.get(org)!.get(account) ?? { count: 0, sum: 0n };
      oracle.get(org)!.set(account, { count: entry.count + 1, sum: entry.sum + tenThousandths(value) });
    }
  }
  return messages;
}

async function totals(organizationId: string) {
  const clickhouse = await clients.clickhouse();
  const rows = await clickhouse.query<{ account_id: string; n: string; total: string }>(
    `SELECT account_id, count() AS n, toString(sum(toDecimal128(properties['value'], 4))) AS total
       FROM usage_events FINAL
      WHERE organization_id = {organizationId:UUID} AND code = 'api_calls'
      GROUP BY account_id`,
    { organizationId },
  );
  // ClickHouse orders UUIDs by their two 64-bit halves, not as text: sort here, like the oracle.
  return rows
    .map((row) => ({ account: row.account_id, count: Number(row.n), sum: row.total }))
    .sort((a, b) => a.account.localeCompare(b.account));
}

const expected = (org: string) =>
  [...oracle.get(org)!.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([account, entry]) => ({ account, count: entry.count, sum: format(entry.sum) }));

/** True once ClickHouse's stored offsets reach the end of every partition. */
async function offsetsAtEnd() {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const clickhouse = await clients.clickhouse();
  for (const end of ends) {
    if ((await storedNextOffset(clickhouse, topic, end.partition)) < BigInt(end.high)) return null;
  }
  return true;
}

async function caughtUp() {
  await waitUntil('stored offsets at the end of the topic', offsetsAtEnd, 600);
  for (const org of ORGS) {
    await waitUntil(
      `usage totals of ${org}`,
      async () => (JSON.stringify(await totals(org)) === JSON.stringify(expected(org)) ? true : null),
      600,
    );
  }
}

async function send(messages: { key: string; value: string }[]) {
  const BATCH = 500;
  for (let start = 0; start < messages.length; start += BATCH)
    await producer.send({ topic, acks: -1, messages: messages.slice(start, start + BATCH) });
}

beforeAll(async () => {
  process.env.CLICKHOUSE_PATH = dataPath;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  clients = createClients('usage-test', context().config);
  running = await usageApp.start(context());
});

afterAll(async () => {
  await running?.stop();
  await producer.disconnect();
  await closeClients(clients);
  fs.rmSync(dataPath, { recursive: true, force: true });
});

describe('usage processor (real Kafka, embedded ClickHouse)', () => {
  it('stores every event once, duplicates counted once, each organization seeing only its own', async () => {
    await send(generate(EVENTS_PER_ORG));
    await caughtUp();
    for (const org of ORGS) expect(await totals(org)).toEqual(expected(org));
  });

  it('answers the web app’s aggregate request (POST /usage/aggregate) for one account and period', async () => {
    const [org] = ORGS;
    const account = ACCOUNTS[org!]![0]!;
    const answer = await routes.get('/usage/aggregate')!({
      organizationId: org,
      accountId: account,
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-02T00:00:00Z',
      metric: { code: 'api_calls', name: 'API calls', aggregation: 'sum', property: 'value' },
    });
    const entry = oracle.get(org!)!.get(account)!;
    expect(answer).toEqual({ aggregates: [{ group: '', value: format(entry.sum) }] });
    await expect(routes.get('/usage/aggregate')!({ organizationId: org })).rejects.toThrow(/accountId/);
  });

  it('dead-letters records that are not usage events, with the reason, and goes on', async () => {
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'x', value: 'not json' },
        { key: 'y', value: JSON.stringify({ type: 'UsageEventReceived', data: {} }) },
      ],
    });
    await send(generate(10));
    await caughtUp();
    const dlq = kafka.consumer({ groupId: `${appId}-dlq-reader-${crypto.randomUUID()}` });
    await dlq.connect();
    await dlq.subscribe({ topic: dlqTopicName(appId), fromBeginning: true });
    const reasons: string[] = [];
    await dlq.run({ eachMessage: async ({ message }) => void reasons.push(String(message.headers?.['dlq.error'])) });
    await waitUntil('two dead letters', async () => (reasons.length >= 2 ? true : null));
    await dlq.disconnect();
    expect(reasons).toHaveLength(2);
    expect(reasons).toEqual(expect.arrayContaining(['not JSON', expect.stringMatching(/^not a usage event/)]));
  });

  it('neither loses nor doubles across a restart, nor across a replay of everything already stored', async () => {
    await running!.stop();
    await send(generate(20));
    running = await usageApp.start(context());
    await caughtUp();
    // A crash after the rows but before their offsets: drop the stored offsets and the group, so every record comes again.
    await running.stop();
    running = null;
    await (await clients.clickhouse()).exec('TRUNCATE TABLE stream_sink_offsets');
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([appId]);
    await admin.disconnect();
    running = await usageApp.start(context());
    await caughtUp();
    for (const org of ORGS) expect(await totals(org)).toEqual(expected(org));
  });
});
