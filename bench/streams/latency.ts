import { Partitioners } from 'kafkajs';
import { BENCH } from './config.ts';
import { committedTotal, endOffsetsTotal, eventSource, kafka, withAdmin } from './kafka.ts';
import { sleep, waitFor } from './procs.ts';

export interface LatencyResult {
  readonly offeredPerSec: number;
  readonly produced: number;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const TICK_MS = 10;
const SENDS_IN_FLIGHT_MAX = 50;
const JOIN_LIMIT_MS = 30_000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Offers BENCH.latencyRate events/s for BENCH.latencyMs to `inputTopic` (each
 * stamped with sentAtMs at creation) while reading `outputTopic` read_committed;
 * latency = time of receipt - sentAtMs (lastSentAtMs for totals). Ends once the
 * processor's group has committed the whole input, so slow records are counted.
 */
export async function measureLatency(opts: {
  label: string;
  inputTopic: string;
  outputTopic: string;
  groupId: string;
  seed: number;
}): Promise<LatencyResult> {
  const latencies: number[] = [];
  let windowStart = Number.POSITIVE_INFINITY;
  const consumer = kafka.consumer({
    groupId: `${BENCH.prefix}latency-${opts.label}`,
    readUncommitted: false,
    maxWaitTimeInMs: 50,
  });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.connect();
  await consumer.subscribe({ topic: opts.outputTopic, fromBeginning: false });
  await consumer.run({
    partitionsConsumedConcurrently: BENCH.partitions,
    eachBatch: async ({ batch }) => {
      const receivedAt = Date.now();
      for (const message of batch.messages) {
        if (!message.value) continue;
        const value = JSON.parse(message.value.toString('utf8')) as { lastSentAtMs?: number; sentAtMs?: number };
        const sentAt = value.lastSentAtMs ?? value.sentAtMs ?? 0;
        if (sentAt >= windowStart) latencies.push(receivedAt - sentAt);
      }
    },
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await waitFor(`${opts.label} latency consumer join`, JOIN_LIMIT_MS, async () => (joined ? true : null));
    await sleep(1_000);
    const source = eventSource(opts.seed);
    const started = Date.now();
    windowStart = started + BENCH.latencyWarmupMs;
    let produced = 0;
    let inFlight = 0;
    let sendError: unknown = null;
    while (Date.now() - started < BENCH.latencyMs) {
      if (sendError) throw sendError;
      const due = Math.floor(((Date.now() - started) * BENCH.latencyRate) / 1000) - produced;
      if (due > 0 && inFlight < SENDS_IN_FLIGHT_MAX) {
        const now = Date.now();
        const messages = Array.from({ length: due }, () => source.next(now));
        produced += due;
        inFlight += 1;
        producer
          .send({ topic: opts.inputTopic, acks: -1, messages })
          .catch((error) => {
            sendError = error;
          })
          .finally(() => {
            inFlight -= 1;
          });
      }
      await sleep(TICK_MS);
    }
    const elapsedMs = Date.now() - started;
    await waitFor(`${opts.label} sends`, 30_000, async () => (inFlight === 0 ? true : null), 10);
    const end = await endOffsetsTotal(opts.inputTopic);
    await withAdmin((admin) =>
      waitFor(`${opts.label} processing the latency input`, BENCH.limits.latencyDrainMs, async () =>
        (await committedTotal(admin, opts.groupId, opts.inputTopic)) >= end ? true : null,
      ),
    );
    await sleep(1_000);
    const sorted = latencies.slice().sort((a, b) => a - b);
    return {
      offeredPerSec: (produced * 1000) / elapsedMs,
      produced,
      samples: sorted.length,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    };
  } finally {
    await producer.disconnect().catch(() => {});
    await consumer.disconnect().catch(() => {});
  }
}
