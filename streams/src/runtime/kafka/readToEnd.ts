import crypto from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface PartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface ReadProgress {
  readonly topic: string;
  readonly partition: number;
  readonly records: number;
}

/** Restores stall a task; a timeout turns a broker problem into a clear error instead of a hang. */
export const READ_TO_END_TIMEOUT_MS = 5 * 60_000;

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Reads the given partitions from their beginning to their current end
 * (read_committed: aborted transactional records are skipped) and hands every
 * record to `onRecord` in offset order per partition. KafkaJS only consumes
 * through groups, so this uses a throwaway group that commits nothing and is
 * deleted afterwards.
 */
export async function readToEnd(
  kafka: Kafka,
  partitions: readonly PartitionRef[],
  onRecord: (ref: PartitionRef, message: KafkaMessage) => void,
  onProgress: (progress: ReadProgress) => void = () => {},
): Promise<number> {
  const wanted = new Set(partitions.map((ref) => key(ref.topic, ref.partition)));
  const topics = [...new Set(partitions.map((ref) => ref.topic))];
  if (topics.length === 0) return 0;
  const pending = await nonEmptyPartitions(kafka, topics, wanted);
  if (pending.size === 0) return 0;
  const groupId = `billstream-restore-${crypto.randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
  let total = 0;
  const counts = new Map<string, number>();
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topics.join(',')} to the end timed out`)),
        READ_TO_END_TIMEOUT_MS,
      );
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const id = key(payload.topic, payload.partition);
        if (reachedEnd(payload, pending.get(id))) pending.delete(id);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const id = key(batch.topic, batch.partition);
          if (!wanted.has(id)) return;
          const ref = { topic: batch.topic, partition: batch.partition };
          for (const message of batch.messages) onRecord(ref, message);
          total += batch.messages.length;
          counts.set(id, (counts.get(id) ?? 0) + batch.messages.length);
          onProgress({ ...ref, records: counts.get(id)! });
        },
      });
    });
  } finally {
    await consumer.disconnect().catch(() => {});
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => {});
    await admin.disconnect().catch(() => {});
  }
  return total;
}

/**
 * True once a batch really reached `endOffset`. KafkaJS reports a partition
 * that a size-limited fetch left out as an empty batch whose "last offset" is
 * the high watermark, so an empty batch (no first offset) proves nothing:
 * trusting it ends a restore early and silently loses state.
 */
export function reachedEnd(
  payload: { firstOffset: string | null; lastOffset: string },
  endOffset: bigint | undefined,
): boolean {
  if (endOffset === undefined) return false;
  if (payload.firstOffset === null) return false;
  return BigInt(payload.lastOffset) + 1n >= endOffset;
}

/** End offset (high watermark at the start) of each wanted partition that holds records; the others are done already. */
async function nonEmptyPartitions(kafka: Kafka, topics: string[], wanted: Set<string>): Promise<Map<string, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const pending = new Map<string, bigint>();
    for (const topic of topics) {
      for (const offsets of await admin.fetchTopicOffsets(topic)) {
        const id = key(topic, offsets.partition);
        if (wanted.has(id) && BigInt(offsets.high) > BigInt(offsets.low)) pending.set(id, BigInt(offsets.high));
      }
    }
    return pending;
  } finally {
    await admin.disconnect();
  }
}
