/**
 * The peer the end-to-end latency is read against: the same broker carrying
 * a record from an acks=all producer to a consumer, at the same rate, with no
 * web app and no processor in between. Its latency is the floor of any
 * command → view path through Kafka on this machine.
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { type Distribution, distribution } from './stats.ts';

const PEER_PARTITIONS = 12;
/** Sends the producer may have outstanding; more due sends wait for the next tick. */
const PEER_SENDS_IN_FLIGHT_MAX = 64;
const PEER_TICK_MS = 5;
const PEER_JOIN_LIMIT_MS = 30_000;

export interface PeerResult extends Distribution {
  readonly offeredPerSec: number;
  readonly sent: number;
}

export async function runKafkaPeer(opts: {
  readonly brokers: string[];
  readonly topic: string;
  readonly ratePerSec: number;
  readonly seconds: number;
}): Promise<PeerResult> {
  if (opts.ratePerSec <= 0 || opts.seconds <= 0) throw new Error('the peer needs a rate and a duration');
  const kafka = new Kafka({ brokers: opts.brokers, clientId: 'billstream-bench-e2e-peer', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: opts.topic, numPartitions: PEER_PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
  const latencies: number[] = [];
  const consumer = kafka.consumer({ groupId: `${opts.topic}-group`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
  const joined = groupJoined(consumer);
  await consumer.run({
    eachMessage: async ({ message }) => {
      latencies.push(Date.now() - Number(message.value?.toString() ?? Number.NaN));
    },
  });
  await joined;
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const sent = await offer(producer, opts);
  const deadline = Date.now() + PEER_JOIN_LIMIT_MS;
  while (latencies.length < sent && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await producer.disconnect();
  await consumer.disconnect();
  return { ...distribution(latencies), offeredPerSec: opts.ratePerSec, sent };
}

/** Resolves once the consumer owns its partitions (or after the join limit); registered before run(). */
function groupJoined(consumer: ReturnType<Kafka['consumer']>): Promise<void> {
  return new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
    setTimeout(resolve, PEER_JOIN_LIMIT_MS);
  });
}

async function offer(
  producer: ReturnType<Kafka['producer']>,
  opts: { readonly topic: string; readonly ratePerSec: number; readonly seconds: number },
): Promise<number> {
  const total = Math.round(opts.ratePerSec * opts.seconds);
  const inFlight = new Set<Promise<unknown>>();
  const startMs = performance.now();
  let seq = 0;
  while (seq < total) {
    const dueNow = Math.min(total, Math.floor(((performance.now() - startMs) / 1000) * opts.ratePerSec));
    for (; seq < dueNow && inFlight.size < PEER_SENDS_IN_FLIGHT_MAX; seq += 1) {
      const send = producer.send({
        topic: opts.topic,
        acks: -1,
        messages: [{ key: String(seq % 1_000), value: String(Date.now()) }],
      });
      inFlight.add(send);
      void send.finally(() => inFlight.delete(send));
    }
    await new Promise((resolve) => setTimeout(resolve, PEER_TICK_MS));
  }
  await Promise.all(inFlight);
  return total;
}
