import { type Admin, Kafka, logLevel, type Message, Partitioners } from 'kafkajs';
import { BENCH } from './config.ts';

export const kafka = new Kafka({
  clientId: `billstream-bench-${BENCH.stamp}`,
  brokers: [...BENCH.brokers],
  logLevel: logLevel.NOTHING,
});

export async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export async function createTopics(names: readonly string[], compacted: readonly string[] = []): Promise<void> {
  await withAdmin((admin) =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [...names, ...compacted].map((topic) => ({
        topic,
        numPartitions: BENCH.partitions,
        replicationFactor: 1,
        configEntries: [
          { name: 'min.insync.replicas', value: '1' },
          { name: 'cleanup.policy', value: compacted.includes(topic) ? 'compact' : 'delete' },
        ],
      })),
    }),
  );
}

/** Deterministic 32-bit LCG (high bits only), so every system gets the very same input. */
export class Lcg {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (Math.imul(this.state, 1_664_525) + 1_013_904_223) >>> 0;
    return this.state >>> 8;
  }
}

export const keyName = (index: number) => `k-${String(index).padStart(6, '0')}`;

/** An AmountPosted of about BENCH.eventBytes bytes of JSON. */
export function eventJson(id: number, key: string, cents: number, sentAtMs: number): string {
  const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
  const base = JSON.stringify({ version: 1, id: `e${id}`, key, amount, sentAtMs, note: '' });
  return JSON.stringify({
    version: 1,
    id: `e${id}`,
    key,
    amount,
    sentAtMs,
    note: 'n'.repeat(Math.max(0, BENCH.eventBytes - base.length)),
  });
}

export interface EventSource {
  /** Next event; `keyIndex` overrides the random key. */
  next(sentAtMs: number, keyIndex?: number): Message;
}

export function eventSource(seed: number): EventSource {
  const lcg = new Lcg(seed);
  let id = 0;
  return {
    next(sentAtMs, keyIndex) {
      const key = keyName(keyIndex ?? lcg.next() % BENCH.keys);
      const cents = (lcg.next() % 100_000) - 40_000;
      id += 1;
      return { key, value: eventJson(id, key, cents, sentAtMs) };
    },
  };
}

const PRODUCE_BATCH = 5_000;
// KafkaJS idempotence breaks (OUT_OF_ORDER_SEQUENCE) with concurrent sends on one producer.
const PRODUCE_IN_FLIGHT = 1;

/** Produces `count` events (keys from `keyOf`, or random) as fast as the broker takes them. */
export async function produceEvents(
  topic: string,
  count: number,
  seed: number,
  keyOf?: (index: number) => number,
): Promise<{ ms: number }> {
  // Idempotent: a retried batch must not duplicate events (the input count is checked).
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  const source = eventSource(seed);
  const started = performance.now();
  const deadline = Date.now() + BENCH.limits.produceMs;
  try {
    const inFlight = new Set<Promise<unknown>>();
    for (let start = 0; start < count; start += PRODUCE_BATCH) {
      if (Date.now() > deadline)
        throw new Error(`producing ${count} events to ${topic} took over ${BENCH.limits.produceMs} ms`);
      const now = Date.now();
      const messages: Message[] = [];
      for (let index = start; index < Math.min(count, start + PRODUCE_BATCH); index += 1)
        messages.push(source.next(now, keyOf?.(index)));
      const send: Promise<unknown> = producer.send({ topic, acks: -1, messages }).finally(() => inFlight.delete(send));
      inFlight.add(send);
      if (inFlight.size >= PRODUCE_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return { ms: performance.now() - started };
}

export async function endOffsetsTotal(topic: string): Promise<number> {
  return withAdmin(async (admin) =>
    (await admin.fetchTopicOffsets(topic)).reduce((sum, entry) => sum + Number(entry.high), 0),
  );
}

/** Records of `topic` the group has committed (sum of committed offsets; inputs have no transaction markers). */
export async function committedTotal(admin: Admin, groupId: string, topic: string): Promise<number> {
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets[0]?.partitions ?? []).reduce((sum, entry) => sum + Math.max(0, Number(entry.offset)), 0);
}

/** Kafka's default (murmur2) partition of a key, as KafkaJS and the Java client compute it. */
export function partitionOf(key: string): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: BENCH.partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return partitioner({ topic: 'x', partitionMetadata, message: { key, value: null } });
}

/** Deletes every topic and consumer group of this run (bounded: one pass, errors reported). */
export async function cleanupKafka(): Promise<string[]> {
  const problems: string[] = [];
  await withAdmin(async (admin) => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(BENCH.prefix));
    if (topics.length > 0)
      await admin.deleteTopics({ topics, timeout: 30_000 }).catch((error) => problems.push(`topics: ${error.message}`));
    const groups = (await admin.listGroups()).groups
      .map((group) => group.groupId)
      .filter((group) => group.startsWith(BENCH.prefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch((error) => problems.push(`groups: ${error.message}`));
  }).catch((error) => problems.push(`admin: ${error.message}`));
  return problems;
}
