import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { AmountTotal, money } from '@billstream/contracts';
import type { Kafka } from 'kafkajs';

export const SUMS_PARTITIONS = 12;
const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function createSumsTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: ['sums-input', 'sums-output'].map((name) => ({
      topic: `${prefix}${name}`,
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

export function spawnApp(app: string, env: Record<string, string>, port: number): ChildProcess {
  return spawn(
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
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
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
  const pending = new Set(ends.filter((end) => BigInt(end.high) > 0n).map((end) => end.partition));
  await new Promise<void>((resolve) => {
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.offsetLag === '0') pending.delete(payload.partition);
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
