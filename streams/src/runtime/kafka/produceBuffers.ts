import type { Message } from 'kafkajs';

/** Bytes per produce call; Kafka refuses record batches over message.max.bytes (1 MiB by default). */
export const PRODUCE_CALL_BYTES_MAX = 512 * 1024;

/**
 * Everything one task produced since its last commit, in production order per
 * topic. Compacted topics (changelogs, views) keep only the last record per key
 * within a commit — compaction would drop the others anyway — which is what
 * Kafka Streams' record cache buys too.
 */
export class Buffers {
  readonly byTopic = new Map<string, Message[]>();
  private readonly latest = new Map<string, Map<string, Message>>();
  count = 0;

  push(topic: string, message: Message): void {
    const list = this.byTopic.get(topic);
    if (list) list.push(message);
    else this.byTopic.set(topic, [message]);
    this.count += 1;
  }

  pushCompacted(topic: string, message: Message): void {
    let perKey = this.latest.get(topic);
    if (!perKey) {
      perKey = new Map();
      this.latest.set(topic, perKey);
    }
    const key = `${message.partition ?? ''}|${message.key === null || message.key === undefined ? '' : message.key.toString('base64')}`;
    if (!perKey.delete(key)) this.count += 1;
    perKey.set(key, message);
  }

  /** Produce calls of at most PRODUCE_CALL_BYTES_MAX each, topics in a stable order. */
  calls(): { topic: string; messages: Message[] }[][] {
    const all = [...this.byTopic].concat([...this.latest].map(([topic, perKey]) => [topic, [...perKey.values()]]));
    const calls: { topic: string; messages: Message[] }[][] = [];
    let call: { topic: string; messages: Message[] }[] = [];
    let bytes = 0;
    for (const [topic, messages] of all) {
      let current: Message[] = [];
      call.push({ topic, messages: current });
      for (const message of messages) {
        const size = messageBytes(message);
        if (bytes + size > PRODUCE_CALL_BYTES_MAX && bytes > 0) {
          calls.push(call);
          current = [];
          call = [{ topic, messages: current }];
          bytes = 0;
        }
        current.push(message);
        bytes += size;
      }
    }
    if (bytes > 0) calls.push(call.filter((entry) => entry.messages.length > 0));
    return calls;
  }

  clear(): void {
    this.byTopic.clear();
    this.latest.clear();
    this.count = 0;
  }
}

function messageBytes(message: Message): number {
  const size = (value: unknown) => (value === null || value === undefined ? 0 : Buffer.byteLength(value as string));
  let headers = 0;
  for (const [name, value] of Object.entries(message.headers ?? {})) headers += name.length + size(value);
  return size(message.key) + size(message.value) + headers + 64;
}
