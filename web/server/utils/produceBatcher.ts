import type { Message, Producer } from 'kafkajs';

/** Most records one produce request carries; the rest wait for the next one. */
export const PRODUCE_BATCH_RECORDS_MAX = 500;

interface Pending {
  readonly topic: string;
  readonly message: Message;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for acks=all produces. The producer allows one request in
 * flight (ordering across retries), so sending each record as its own
 * request caps a process at one broker round trip per record. Instead,
 * records that arrive while a request is in flight wait, in arrival order,
 * and go out together in the next request; each caller resolves only when
 * the request carrying its record is acknowledged by all in-sync replicas,
 * so "acknowledge only after Kafka has it" still holds record by record.
 */
export class ProduceBatcher {
  private queue: Pending[] = [];
  private sending = false;

  constructor(
    private readonly producer: () => Promise<Producer>,
    private readonly recordsMax: number = PRODUCE_BATCH_RECORDS_MAX,
  ) {
    if (!(recordsMax >= 1)) throw new Error('recordsMax must be at least 1');
  }

  /** Resolves once the record is durable (acks=all); rejects when its request failed. */
  send(topic: string, message: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, message, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.recordsMax);
        try {
          const producer = await this.producer();
          await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(batch) });
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}

/** Topic -> messages, each topic's messages in arrival order. */
function groupByTopic(batch: readonly Pending[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const pending of batch) {
    const messages = byTopic.get(pending.topic) ?? [];
    messages.push(pending.message);
    byTopic.set(pending.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
