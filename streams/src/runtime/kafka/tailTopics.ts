import crypto from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { reachedEnd } from './readToEnd.ts';

export interface Tail {
  /** Resolves once every partition that had records at start has been read to its end. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows every partition of `topics` from the beginning, forever: how global
 * stores (GlobalKTable) stay fully replicated on every instance. A throwaway
 * group, because each instance needs all partitions, not a share of them.
 */
export async function tailTopics(
  kafka: Kafka,
  topics: readonly string[],
  onRecord: (topic: string, partition: number, message: KafkaMessage) => void,
): Promise<Tail> {
  const admin = kafka.admin();
  await admin.connect();
  const pending = new Map<string, bigint>();
  for (const topic of topics) {
    for (const offsets of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(offsets.high) > BigInt(offsets.low))
        pending.set(`${topic}:${offsets.partition}`, BigInt(offsets.high));
    }
  }
  await admin.disconnect();
  const groupId = `billstream-global-${crypto.randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
  let markCaughtUp: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => {
    markCaughtUp = resolve;
  });
  if (pending.size === 0) markCaughtUp();
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const id = `${payload.topic}:${payload.partition}`;
    if (reachedEnd(payload, pending.get(id))) pending.delete(id);
    if (pending.size === 0) markCaughtUp();
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) onRecord(batch.topic, batch.partition, message);
    },
  });
  return {
    caughtUp,
    async stop() {
      await consumer.disconnect().catch(() => {});
      const cleanup = kafka.admin();
      await cleanup
        .connect()
        .then(() => cleanup.deleteGroups([groupId]))
        .catch(() => {});
      await cleanup.disconnect().catch(() => {});
    },
  };
}
