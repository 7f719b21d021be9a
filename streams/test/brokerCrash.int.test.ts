import type { ChildProcess } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnv } from './helpers.ts';
import { PrivateBroker } from './privateBroker.ts';
import {
  appEnv,
  awaitView,
  createSumsTopics,
  diff,
  fold,
  freePorts,
  postings,
  produceAll,
  readOutputTotals,
  spawnApp,
  waitForCommits,
} from './sumsHarness.ts';

const env = testEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const [APP_PORT] = (await freePorts(1)) as [number];
const broker = new PrivateBroker(await PrivateBroker.freePortPair());
let app: ChildProcess | null = null;

afterAll(async () => {
  app?.kill('SIGKILL');
  await broker.stop();
  await pool.end();
});

describe('broker crash (a private real Kafka, killed with -9 mid-load)', () => {
  it('recovers after the broker restarts and stays exact', async () => {
    await broker.start();
    const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING, clientId: 'broker-crash-test' });
    const tag = `crash${Date.now() % 1_000_000}`;
    const prefix = `${tag}.`;
    await createSumsTopics(kafka, prefix);
    const all = postings(30_000, 300, 21, tag);
    app = spawnApp('sums', appEnv({ ...env, kafkaBrokers: broker.brokers }, prefix), APP_PORT);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await produceAll(producer, `${prefix}sums-input`, all.slice(0, 20_000), 5);
    await producer.disconnect();
    await waitForCommits(APP_PORT, 3);
    broker.crash();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await broker.start();
    const after = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await after.connect();
    await produceAll(after, `${prefix}sums-input`, all.slice(20_000), 5);
    await after.disconnect();
    const expected = fold(all);
    expect(diff(await awaitView(pool, tag, expected), expected)).toEqual([]);
    expect(diff(await readOutputTotals(kafka, `${prefix}sums-output`, 300), expected)).toEqual([]);
    expect(app.exitCode, 'the app rode out the crash').toBeNull();
  }, 300_000);
});
