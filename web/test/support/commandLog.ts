import { randomUUID } from 'node:crypto';
import { TOPICS, topicName } from '@billstream/contracts';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';

export interface CommandRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string;
  /** A null value: a tombstone on a compacted topic. */
  readonly tombstone: boolean;
  readonly headers: Record<string, string>;
}

const brokers = (process.env.KAFKA_BROKERS ?? '')
  .split(',')
  .map((broker) => broker.trim())
  .filter(Boolean);

export const commandTopic = topicName(TOPICS.transactionCommands, process.env.KAFKA_TOPIC_PREFIX ?? '');
export const userEventsTopic = topicName(TOPICS.userEvents, process.env.KAFKA_TOPIC_PREFIX ?? '');
export const billingCommandTopic = topicName(TOPICS.billingCommands, process.env.KAFKA_TOPIC_PREFIX ?? '');
export const masterDataTopic = topicName(TOPICS.masterData, process.env.KAFKA_TOPIC_PREFIX ?? '');

function kafka(): Kafka {
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set');
  return new Kafka({ clientId: `web-int-test-${randomUUID()}`, brokers, logLevel: logLevel.NOTHING });
}

/** The end offset of every partition of `topic` (default: the command topic) right now. */
export async function endOffsets(topic = commandTopic): Promise<Map<number, bigint>> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((entry) => [entry.partition, BigInt(entry.high)]));
  } finally {
    await admin.disconnect();
  }
}

function toCommandRecord(partition: number, message: KafkaMessage): CommandRecord {
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? '',
    tombstone: message.value === null,
    headers,
  };
}

function caughtUp(seen: Map<number, bigint>, until: Map<number, bigint>): boolean {
  for (const [partition, end] of until) if ((seen.get(partition) ?? 0n) < end) return false;
  return true;
}

/**
 * Every record of the command topic (or `topic`) between `from` and `until` (per partition
 * end offsets). Reading up to a snapshot taken after the requests settled
 * proves absence: a record the API produced would be below that offset.
 */
export async function readCommands(
  from: Map<number, bigint>,
  until: Map<number, bigint>,
  timeoutMs = 30_000,
  topic = commandTopic,
): Promise<CommandRecord[]> {
  const records: CommandRecord[] = [];
  const seen = new Map(from);
  if (caughtUp(seen, until)) return records;
  const consumer = kafka().consumer({ groupId: `web-int-test-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`did not reach offsets ${[...until]} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const offset = BigInt(message.offset);
            if (offset >= (from.get(partition) ?? 0n)) records.push(toCommandRecord(partition, message));
            seen.set(partition, offset + 1n);
            if (caughtUp(seen, until)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * The first record of `topic` that `matches`, read from the beginning. For
 * transactional topics (dead letters, views) whose end offsets count commit
 * markers that no consumer ever sees, so readCommands cannot wait for them.
 */
export async function findRecord(
  topic: string,
  matches: (record: CommandRecord) => boolean,
  timeoutMs = 30_000,
): Promise<CommandRecord> {
  const consumer = kafka().consumer({ groupId: `web-int-test-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<CommandRecord>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching record on ${topic} in ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const record = toCommandRecord(partition, message);
            if (!matches(record)) return;
            clearTimeout(timer);
            resolve(record);
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
