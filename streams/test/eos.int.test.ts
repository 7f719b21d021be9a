import { type ChildProcess, spawnSync } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { kafkaClient, testEnv } from './helpers.ts';
import {
  appEnv,
  awaitView,
  createSumsTopics,
  diff,
  fold,
  freePorts,
  PRODUCE_BATCH_RECORDS,
  postings,
  produceAll,
  readOutputTotals,
  redisTotals,
  spawnApp,
  viewTotals,
  waitForCommits,
} from './sumsHarness.ts';

const env = testEnv();
const kafka = kafkaClient(env.kafkaBrokers);
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const redis = new Redis(env.redisUrl);
const RECORDS = Number(process.env.EOS_RECORDS ?? 100_000);
const KEYS = 1_000;
const KILLS_MIN = 5;
const SEED = Number(process.env.EOS_SEED ?? Date.now() % 100_000);
const PRODUCE_PAUSE_MS = 40;
const [APP_PORT] = (await freePorts(1)) as [number];

let app: ChildProcess | null = null;

afterAll(async () => {
  app?.kill('SIGKILL');
  await pool.end();
  redis.disconnect();
});

function sumsEnv(prefix: string): Record<string, string> {
  return appEnv(env, prefix);
}

describe('exactly-once under kill -9 (real Kafka, PostgreSQL, Redis)', () => {
  it(`sums ${RECORDS} postings over ${KEYS} keys exactly while the processor is killed at least ${KILLS_MIN} times`, async () => {
    const tag = `eos${SEED}x${Date.now() % 1_000_000}`;
    const prefix = `${env.topicPrefix}${tag}.`;
    await createSumsTopics(kafka, prefix);
    const all = postings(RECORDS, KEYS, SEED, tag);
    const expected = fold(all);
    app = spawnApp('sums', sumsEnv(prefix), APP_PORT);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    let kills = 0;
    const killEvery = Math.floor(RECORDS / PRODUCE_BATCH_RECORDS / (KILLS_MIN + 1));
    await produceAll(producer, `${prefix}sums-input`, all, PRODUCE_PAUSE_MS, async (batch) => {
      if (batch === 0 || batch % killEvery !== 0) return;
      // Kill only once this instance is committing, so the kill lands mid-stream.
      await waitForCommits(APP_PORT, 2 + ((SEED + kills) % 5));
      app!.kill('SIGKILL');
      kills += 1;
      app = spawnApp('sums', sumsEnv(prefix), APP_PORT);
    });
    await producer.disconnect();
    expect(kills, `seed ${SEED}`).toBeGreaterThanOrEqual(KILLS_MIN);
    const view = await awaitView(pool, tag, expected);
    expect(diff(view, expected), `PostgreSQL view, seed ${SEED}`).toEqual([]);
    const output = await readOutputTotals(kafka, `${prefix}sums-output`, KEYS);
    expect(diff(output, expected), `output topic, seed ${SEED}`).toEqual([]);
    expect(diff(await redisTotals(redis, expected.keys()), expected), `Redis view, seed ${SEED}`).toEqual([]);
    // `streams rebuild` must reproduce the live view exactly from the topics.
    app!.kill('SIGTERM');
    const rebuilt = spawnSync(process.execPath, ['--import', 'tsx', 'streams/src/cli.ts', 'rebuild', 'sum_totals'], {
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      env: { ...process.env, ...sumsEnv(prefix) },
      encoding: 'utf8',
    });
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain('rebuilt sum_totals');
    expect(await viewTotals(pool, tag)).toEqual(view);
  }, 600_000);
});
