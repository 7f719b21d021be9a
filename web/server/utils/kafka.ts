import { Kafka, logLevel, type Message, Partitioners, type Producer } from 'kafkajs';
import { serverConfig } from './config';
import { problems } from './problem';
import { ProduceBatcher } from './produceBatcher';

/** How long a request waits for the broker's acks=all before answering 503. */
export const PRODUCE_TIMEOUT_MS = 10_000;

let connecting: Promise<Producer> | undefined;

function createProducer(): Producer {
  const kafka = new Kafka({
    clientId: 'billstream-web',
    brokers: serverConfig().kafkaBrokers,
    logLevel: logLevel.WARN,
    connectionTimeout: 3_000,
  });
  // Idempotent: broker-side dedup of retries, so a command is written once.
  // That requires acks=all (set per send) and at most 5 requests in flight;
  // 1 also keeps commands of one account strictly ordered across retries.
  // The Java-compatible murmur2 partitioner keeps us co-partitioned with
  // the ledger's transaction-events (same key -> same partition number).
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** The process-wide producer, connected on first use and after a disconnect. */
export function useProducer(): Promise<Producer> {
  if (connecting) return connecting;
  const producer = createProducer();
  producer.on(producer.events.DISCONNECT, () => {
    connecting = undefined;
  });
  connecting = producer.connect().then(
    () => producer,
    (error) => {
      connecting = undefined;
      throw error;
    },
  );
  return connecting;
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms).unref();
  });
}

// Records produced while a request is in flight share the next one (group
// commit, see produceBatcher.ts): with one request in flight, sending each
// record alone would cap the process at one broker round trip per command.
const batcher = new ProduceBatcher(useProducer);

/**
 * Sends one record and resolves only once all in-sync replicas have it.
 * Any failure becomes a 503 problem; the caller decides what to undo.
 */
export async function produceDurably(topic: string, message: Message): Promise<void> {
  try {
    await Promise.race([batcher.send(topic, message), timeout(PRODUCE_TIMEOUT_MS, `produce to ${topic}`)]);
  } catch (error) {
    console.error('[kafka] produce failed:', error instanceof Error ? error.message : error);
    throw problems.unavailable('The command log is not reachable right now; retry with the same Idempotency-Key');
  }
}

/**
 * Sends records in order in one request and resolves only once all in-sync
 * replicas have them. Unlike produceDurably, failures are left to the caller
 * (the master-data outbox keeps its rows and retries).
 */
export async function produceBatchDurably(topic: string, messages: Message[]): Promise<void> {
  if (messages.length === 0) return;
  const send = useProducer().then((producer) => producer.send({ topic, acks: -1, messages }));
  await Promise.race([send, timeout(PRODUCE_TIMEOUT_MS, `produce to ${topic}`)]);
}

export async function closeProducer(): Promise<void> {
  const current = connecting;
  connecting = undefined;
  if (current) await (await current.catch(() => undefined))?.disconnect();
}
