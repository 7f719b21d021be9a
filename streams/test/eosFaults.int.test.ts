import type { ChildProcess } from 'node:child_process';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kafkaClient, testEnv } from './helpers.ts';
import {
  appEnv,
  appLogs,
  awaitView,
  createSumsTopics,
  diff,
  fold,
  freePorts,
  metric,
  postings,
  produceAll,
  spawnApp,
  waitForCommits,
} from './sumsHarness.ts';
import { TcpProxy } from './tcpProxy.ts';

const env = testEnv();
const kafka = kafkaClient(env.kafkaBrokers);
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const KEYS = 200;
const [P_POISON, P_PROXY, P_OUTAGE, P_SCALE_A, P_SCALE_B, P_ZOMBIE, P_HEALTHY] = (await freePorts(7)) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const apps: ChildProcess[] = [];
let producer: Producer;

beforeAll(async () => {
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

afterEach(() => {
  for (const app of apps.splice(0)) app.kill('SIGKILL');
});

afterAll(async () => {
  await producer.disconnect();
  await pool.end();
});

async function setup(name: string) {
  const tag = `${name}${Date.now() % 1_000_000}`;
  const prefix = `${env.topicPrefix}${tag}.`;
  await createSumsTopics(kafka, prefix);
  return { tag, prefix, input: `${prefix}sums-input` };
}

function start(prefix: string, port: number, overrides: Record<string, string> = {}): ChildProcess {
  const app = spawnApp('sums', appEnv(env, prefix, overrides), port);
  apps.push(app);
  return app;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean>, attemptsMax = 600): Promise<void> {
  for (let attempt = 0; attempt < attemptsMax; attempt += 1) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('stream engine faults (real Kafka, PostgreSQL, Redis)', () => {
  it('dead-letters invalid JSON, schema violations and unknown versions and processes the records around them', async () => {
    const { tag, prefix, input } = await setup('poison');
    start(prefix, P_POISON);
    const valid = postings(2_000, KEYS, 11, tag);
    const key = valid[0]!.key;
    const poison = [
      '{"version":1,"id":"bad-json"',
      JSON.stringify({ version: 1, id: 'bad-amount', key, amount: 12.5, sentAtMs: 1 }),
      JSON.stringify({ version: 2, id: 'future', key, amount: '1.00', sentAtMs: 1 }),
    ];
    await produceAll(producer, input, valid.slice(0, 1_000), 0);
    await producer.send({ topic: input, acks: -1, messages: poison.map((value) => ({ key, value })) });
    await produceAll(producer, input, valid.slice(1_000), 0);
    const expected = fold(valid);
    expect(diff(await awaitView(pool, tag, expected), expected)).toEqual([]);
    const letters = await readDeadLetters(`${prefix}sums-dlq`, poison.length);
    expect(letters.map((letter) => letter.error)).toEqual([
      expect.stringMatching(/JSON/i),
      expect.stringMatching(/amount/),
      expect.stringMatching(/version/),
    ]);
    for (const letter of letters) expect(letter.sourceTopic).toBe(input);
  }, 180_000);

  it('keeps running through a 30 s PostgreSQL outage, then catches up exactly', async () => {
    const { tag, prefix, input } = await setup('outage');
    const target = new URL(env.databaseUrl);
    const proxy = new TcpProxy(P_PROXY, { host: target.hostname, port: Number(target.port || 5432) });
    await proxy.open();
    const viaProxy = new URL(env.databaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const app = start(prefix, P_OUTAGE, { DATABASE_URL: viaProxy.toString() });
    const all = postings(20_000, KEYS, 12, tag);
    await produceAll(producer, input, all.slice(0, 5_000), 20);
    await waitForCommits(P_OUTAGE, 2);
    await proxy.close();
    const outageEndsMs = Date.now() + 30_000;
    await produceAll(producer, input, all.slice(5_000), 20);
    while (Date.now() < outageEndsMs) {
      expect(app.exitCode, 'the app must survive the outage').toBeNull();
      expect((await fetch(`http://127.0.0.1:${P_OUTAGE}/healthz`)).ok).toBe(true);
      await sleep(1_000);
    }
    expect(await metric(P_OUTAGE, 'streams_view_retries_total')).toBeGreaterThan(0);
    await proxy.open();
    const expected = fold(all);
    expect(diff(await awaitView(pool, tag, expected), expected)).toEqual([]);
    await proxy.close();
  }, 240_000);

  it('scales from 1 to 2 to 1 instances mid-load, restoring state from the changelogs, and stays exact', async () => {
    const { tag, prefix, input } = await setup('scale');
    start(prefix, P_SCALE_A);
    const all = postings(30_000, KEYS, 13, tag);
    await produceAll(producer, input, all.slice(0, 10_000), 20);
    // The first instance has joined on its own before the second starts: were
    // both to join in one generation, there would be one rebalance fewer to count.
    await waitFor(
      'the first instance to own every task',
      async () => (await metric(P_SCALE_A, 'streams_assigned_tasks')) === 12,
    );
    const second = start(prefix, P_SCALE_B);
    await waitFor(
      'the second instance to take tasks',
      async () => (await metric(P_SCALE_B, 'streams_assigned_tasks')) > 0,
    );
    await produceAll(producer, input, all.slice(10_000, 20_000), 20);
    await waitForCommits(P_SCALE_B, 2);
    second.kill('SIGTERM');
    await produceAll(producer, input, all.slice(20_000), 20);
    const expected = fold(all);
    expect(diff(await awaitView(pool, tag, expected), expected)).toEqual([]);
    expect(await metric(P_SCALE_A, 'streams_assigned_tasks')).toBe(12);
    expect(await metric(P_SCALE_A, 'streams_rebalances_total')).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it('fences a zombie: SIGSTOP one instance until its tasks move, SIGCONT it, and nothing applies twice', async () => {
    const { tag, prefix, input } = await setup('zombie');
    const zombie = start(prefix, P_ZOMBIE);
    const all = postings(30_000, KEYS, 14, tag);
    await produceAll(producer, input, all.slice(0, 5_000), 20);
    start(prefix, P_HEALTHY);
    await waitFor('both instances to own tasks', async () => (await metric(P_HEALTHY, 'streams_assigned_tasks')) > 0);
    await waitForCommits(P_ZOMBIE, 1);
    zombie.kill('SIGSTOP');
    await waitFor(
      'the healthy instance to own every task',
      async () => (await metric(P_HEALTHY, 'streams_assigned_tasks')) === 12,
      300,
    );
    await produceAll(producer, input, all.slice(5_000, 20_000), 20);
    zombie.kill('SIGCONT');
    await produceAll(producer, input, all.slice(20_000), 20);
    const expected = fold(all);
    expect(diff(await awaitView(pool, tag, expected), expected)).toEqual([]);
    const zombieLog = (appLogs.get(zombie.pid!) ?? []).join('\n');
    expect(zombieLog, 'the zombie must have hit a fenced or rejected commit').toMatch(
      /fenc|epoch|INVALID_PRODUCER|restarting from the last commit|rebalanc/i,
    );
  }, 240_000);
});

async function readDeadLetters(topic: string, count: number) {
  const letters: { error: string; sourceTopic: string }[] = [];
  const consumer = kafka.consumer({ groupId: `dlq-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      letters.push({
        error: String(message.headers?.['dlq.error']),
        sourceTopic: String(message.headers?.['dlq.source.topic']),
      });
    },
  });
  await waitFor(`${count} dead letters`, async () => letters.length >= count);
  await consumer.disconnect();
  return letters;
}
