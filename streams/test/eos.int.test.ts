import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { kafkaClient, testEnv } from './helpers.ts';
import { createSumsTopics, fold, type Posting, postings, readOutputTotals, spawnApp } from './sumsHarness.ts';

const env = testEnv();
const kafka = kafkaClient(env.kafkaBrokers);
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const redis = new Redis(env.redisUrl);
const RECORDS = Number(process.env.EOS_RECORDS ?? 100_000);
const KEYS = 1_000;
const KILLS_MIN = 5;
const SEED = Number(process.env.EOS_SEED ?? Date.now() % 100_000);
const PRODUCE_BATCH_RECORDS = 500;
const PRODUCE_PAUSE_MS = 40;

let app: ChildProcess | null = null;

afterAll(async () => {
  app?.kill('SIGKILL');
  await pool.end();
  redis.disconnect();
});

function appEnv(prefix: string): Record<string, string> {
  return {
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    STREAMS_SESSION_TIMEOUT_MS: '6000',
    STREAMS_COMMIT_INTERVAL_MS: '100',
    // at_least_once here must make this test fail: that is how we know it can.
    STREAMS_GUARANTEE: process.env.EOS_GUARANTEE ?? 'exactly_once',
  };
}

const APP_PORT = 19_110;

/** Waits until the running instance has committed at least once, so a kill lands mid-stream. */
async function waitForCommits(minimum: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const text = await fetch(`http://127.0.0.1:${APP_PORT}/metrics`)
      .then((response) => response.text())
      .catch(() => '');
    const commits = Number(/^streams_commits_total (\d+)/m.exec(text)?.[1] ?? 0);
    if (commits >= minimum) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the processor never committed');
}

async function produceAll(
  producer: Producer,
  topic: string,
  all: readonly Posting[],
  onBatch: (index: number) => Promise<void>,
) {
  for (let start = 0; start < all.length; start += PRODUCE_BATCH_RECORDS) {
    const slice = all.slice(start, start + PRODUCE_BATCH_RECORDS);
    await producer.send({
      topic,
      acks: -1,
      messages: slice.map((posting) => ({
        key: posting.key,
        value: JSON.stringify({
          id: posting.id,
          key: posting.key,
          amount: posting.amount,
          sentAtMs: Date.now(),
          note: 'x'.repeat(80),
        }),
      })),
    });
    await onBatch(start / PRODUCE_BATCH_RECORDS);
  }
}

async function viewTotals(tag: string): Promise<Map<string, { total: string; count: number }>> {
  const rows = await pool
    .query<{ key: string; total: string; count: string }>(
      "SELECT key, total::text, count::text FROM sum_totals WHERE key LIKE $1 || '-%'",
      [tag],
    )
    .catch(() => ({ rows: [] }));
  return new Map(rows.rows.map((row) => [row.key, { total: row.total, count: Number(row.count) }]));
}

function normalize(totals: Map<string, { total: string; count: number }>) {
  return new Map(
    [...totals].map(([key, value]) => [
      key,
      { total: value.total.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''), count: value.count },
    ]),
  );
}

describe('exactly-once under kill -9 (real Kafka, PostgreSQL, Redis)', () => {
  it(`sums ${RECORDS} postings over ${KEYS} keys exactly while the processor is killed at least ${KILLS_MIN} times`, async () => {
    const tag = `eos${SEED}x${Date.now() % 1_000_000}`;
    const prefix = `${env.topicPrefix}${tag}.`;
    await createSumsTopics(kafka, prefix);
    const all = postings(RECORDS, KEYS, SEED, tag);
    const expected = normalize(fold(all));
    app = spawnApp('sums', appEnv(prefix), APP_PORT);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    let kills = 0;
    const killEvery = Math.floor(RECORDS / PRODUCE_BATCH_RECORDS / (KILLS_MIN + 1));
    await produceAll(producer, `${prefix}sums-input`, all, async (batch) => {
      // Pace the input so that processing, commits and kills interleave.
      await new Promise((resolve) => setTimeout(resolve, PRODUCE_PAUSE_MS));
      if (batch === 0 || batch % killEvery !== 0) return;
      await waitForCommits(2 + ((SEED + kills) % 5));
      app!.kill('SIGKILL');
      kills += 1;
      app = spawnApp('sums', appEnv(prefix), APP_PORT);
    });
    await producer.disconnect();
    expect(kills, `seed ${SEED}`).toBeGreaterThanOrEqual(KILLS_MIN);
    let view = await viewTotals(tag);
    for (let attempt = 0; attempt < 600 && !sameTotals(normalize(view), expected); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      view = await viewTotals(tag);
    }
    expect(diff(normalize(view), expected), `PostgreSQL view, seed ${SEED}`).toEqual([]);
    const output = await readOutputTotals(kafka, `${prefix}sums-output`, KEYS);
    const outputTotals = normalize(
      new Map([...output].map(([key, total]) => [key, { total: total.total, count: total.count }])),
    );
    expect(diff(outputTotals, expected), `output topic, seed ${SEED}`).toEqual([]);
    const cached = new Map<string, { total: string; count: number }>();
    for (const key of expected.keys()) {
      const hash = await redis.hgetall(`sums:${key}`);
      if (hash.total !== undefined) cached.set(key, { total: hash.total, count: Number(hash.count) });
    }
    expect(diff(normalize(cached), expected), `Redis view, seed ${SEED}`).toEqual([]);
  }, 600_000);
});

function sameTotals(
  a: Map<string, { total: string; count: number }>,
  b: Map<string, { total: string; count: number }>,
) {
  return diff(a, b).length === 0;
}

/** Every key whose total or count differs, so a failure names what was lost or doubled. */
function diff(
  actual: Map<string, { total: string; count: number }>,
  expected: Map<string, { total: string; count: number }>,
) {
  const problems: string[] = [];
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (!got || got.total !== want.total || got.count !== want.count) {
      problems.push(
        `${key}: expected ${want.total}/${want.count}, got ${got ? `${got.total}/${got.count}` : 'nothing'}`,
      );
    }
  }
  for (const key of actual.keys()) if (!expected.has(key)) problems.push(`${key}: unexpected`);
  return problems.slice(0, 20);
}
