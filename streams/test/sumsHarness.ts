import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { AmountTotal, money, PROOF_TOPICS, topicName } from '@billstream/contracts';
import type { Redis } from 'ioredis';
import type { Kafka, Producer } from 'kafkajs';
import type pg from 'pg';
import { reachedEnd } from '../src/runtime/kafka/readToEnd.ts';

export const SUMS_PARTITIONS = PROOF_TOPICS.sumsInput.partitions;
const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function createSumsTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [PROOF_TOPICS.sumsInput, PROOF_TOPICS.sumsOutput].map((spec) => ({
      topic: topicName(spec, prefix),
      numPartitions: SUMS_PARTITIONS,
      replicationFactor: 1,
      configEntries: [{ name: 'min.insync.replicas', value: '1' }],
    })),
  });
  await admin.disconnect();
}

export interface Posting {
  readonly id: string;
  readonly key: string;
  readonly amount: string;
}

/** Deterministic postings from a seed: keys, signs and cents all vary. */
export function postings(count: number, keys: number, seed: number, keyPrefix = 'acct'): Posting[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state;
  };
  return Array.from({ length: count }, (_, index) => {
    // High bits: the low bits of an LCG cycle with short periods.
    const cents = ((next() >>> 8) % 100_000) - 40_000;
    const amount = money(cents).dividedBy(100).toFixed(2);
    return { id: `p${index}`, key: `${keyPrefix}-${String((next() >>> 8) % keys).padStart(4, '0')}`, amount };
  });
}

export function fold(all: readonly Posting[]): Map<string, { total: string; count: number }> {
  const totals = new Map<string, { total: ReturnType<typeof money>; count: number }>();
  for (const posting of all) {
    const current = totals.get(posting.key) ?? { total: money(0), count: 0 };
    totals.set(posting.key, { total: current.total.plus(posting.amount), count: current.count + 1 });
  }
  return new Map([...totals].map(([key, value]) => [key, { total: value.total.toFixed(), count: value.count }]));
}

/** Output lines of spawned apps, by pid, for tests that look for a log line. */
export const appLogs = new Map<number, string[]>();
const APP_LOG_LINES_MAX = 5_000;

export function spawnApp(app: string, env: Record<string, string>, port: number): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=TimeoutNegativeWarning',
      '--import',
      'tsx',
      path.join(ROOT, 'streams', 'src', 'cli.ts'),
      'run',
      app,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, STREAMS_HTTP_PORT: String(port), LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  appLogs.set(child.pid!, lines);
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (lines.length < APP_LOG_LINES_MAX) lines.push(...chunk.toString('utf8').split('\n'));
    });
  }
  return child;
}

/** Last total per key on the output topic, read_committed. */
export async function readOutputTotals(
  kafka: Kafka,
  topic: string,
  expectedKeys: number,
): Promise<Map<string, AmountTotal>> {
  const latest = new Map<string, AmountTotal>();
  const consumer = kafka.consumer({ groupId: `verify-${Date.now()}-${Math.random()}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const pending = new Map(
    ends.filter((end) => BigInt(end.high) > BigInt(end.low)).map((end) => [end.partition, BigInt(end.high)]),
  );
  await new Promise<void>((resolve) => {
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (reachedEnd(payload, pending.get(payload.partition))) pending.delete(payload.partition);
      if (pending.size === 0) resolve();
    });
    if (pending.size === 0) resolve();
    void consumer.run({
      eachMessage: async ({ message }) => {
        const total = AmountTotal.parse(JSON.parse(message.value!.toString()));
        latest.set(message.key!.toString(), total);
      },
    });
  });
  await consumer.disconnect();
  if (latest.size > expectedKeys) throw new Error(`output has ${latest.size} keys, expected at most ${expectedKeys}`);
  return latest;
}

export type Totals = Map<string, { total: string; count: number }>;
export const PRODUCE_BATCH_RECORDS = 500;

export function postingValue(posting: Posting): string {
  return JSON.stringify({
    version: 1,
    id: posting.id,
    key: posting.key,
    amount: posting.amount,
    sentAtMs: Date.now(),
    note: 'x'.repeat(80),
  });
}

/** Produces in batches of PRODUCE_BATCH_RECORDS, pausing between them so processing and faults interleave. */
export async function produceAll(
  producer: Producer,
  topic: string,
  all: readonly Posting[],
  pauseMs: number,
  onBatch: (index: number) => Promise<void> = async () => {},
): Promise<void> {
  for (let start = 0; start < all.length; start += PRODUCE_BATCH_RECORDS) {
    const slice = all.slice(start, start + PRODUCE_BATCH_RECORDS);
    await producer.send({
      topic,
      acks: -1,
      messages: slice.map((posting) => ({ key: posting.key, value: postingValue(posting) })),
    });
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    await onBatch(start / PRODUCE_BATCH_RECORDS);
  }
}

/** Decimal text without trailing fraction zeros, so "12.50", "12.5000" and "12.5" compare equal. */
export function normalize(totals: Totals): Totals {
  return new Map(
    [...totals].map(([key, value]) => [
      key,
      {
        total: value.total.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''),
        count: value.count,
      },
    ]),
  );
}

/** Every key whose total or count differs, so a failure names what was lost or doubled. */
export function diff(actual: Totals, expected: Totals): string[] {
  const problems: string[] = [];
  const got = normalize(actual);
  for (const [key, want] of normalize(expected)) {
    const have = got.get(key);
    if (!have || have.total !== want.total || have.count !== want.count) {
      problems.push(
        `${key}: expected ${want.total}/${want.count}, got ${have ? `${have.total}/${have.count}` : 'nothing'}`,
      );
    }
  }
  for (const key of got.keys()) if (!expected.has(key)) problems.push(`${key}: unexpected`);
  return problems.slice(0, 20);
}

export async function viewTotals(pool: pg.Pool, tag: string): Promise<Totals> {
  const rows = await pool
    .query<{ key: string; total: string; count: string }>(
      "SELECT key, total::text, count::text FROM sum_totals WHERE key LIKE $1 || '-%'",
      [tag],
    )
    .catch(() => ({ rows: [] as { key: string; total: string; count: string }[] }));
  return new Map(rows.rows.map((row) => [row.key, { total: row.total, count: Number(row.count) }]));
}

export async function redisTotals(redis: Redis, keys: Iterable<string>): Promise<Totals> {
  const cached: Totals = new Map();
  for (const key of keys) {
    const hash = await redis.hgetall(`sums:${key}`);
    if (hash.total !== undefined) cached.set(key, { total: hash.total, count: Number(hash.count) });
  }
  return cached;
}

/** Polls the PostgreSQL view until it equals `expected` (bounded), returning the last read. */
export async function awaitView(pool: pg.Pool, tag: string, expected: Totals, attemptsMax = 600): Promise<Totals> {
  let view = await viewTotals(pool, tag);
  for (let attempt = 0; attempt < attemptsMax && diff(view, expected).length > 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    view = await viewTotals(pool, tag);
  }
  return view;
}

export async function metric(port: number, name: string): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((response) => response.text())
    .catch(() => '');
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)`, 'm').exec(text)?.[1] ?? 0);
}

/** Waits (bounded) until the instance on `port` has committed at least `minimum` times. */
export async function waitForCommits(port: number, minimum: number): Promise<void> {
  for (let attempt = 0; attempt < 1_200; attempt += 1) {
    if ((await metric(port, 'streams_commits_total')) >= minimum) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the processor on :${port} never reached ${minimum} commits`);
}

export function appEnv(
  env: { kafkaBrokers: string[]; databaseUrl: string; redisUrl: string },
  prefix: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    STREAMS_SESSION_TIMEOUT_MS: '6000',
    STREAMS_COMMIT_INTERVAL_MS: '100',
    // at_least_once here must make the exactness tests fail: that is how we know they can.
    STREAMS_GUARANTEE: process.env.EOS_GUARANTEE ?? 'exactly_once',
    ...overrides,
  };
}

/** Ports nothing listens on now, so concurrent test runs on one machine never meet. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  const ports: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports.push((server.address() as net.AddressInfo).port);
  }
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  return ports;
}
