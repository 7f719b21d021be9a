import os from 'node:os';
import path from 'node:path';
import { positiveNumber } from '../common/knobs.ts';

/** Repository root (bench/streams/../..). */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const stamp = Date.now();

/** Every knob of `pnpm bench:streams`; the BENCH_* variables exist for quick local iterations only. */
export const BENCH = {
  stamp,
  /** Unique prefix of every topic, consumer group and transactional id this run creates. */
  prefix: `bench${stamp}.`,
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  /** A database of its own so the bench never touches the app's tables; dropped at the end. */
  adminDatabaseUrl: process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/billstream',
  database: 'billstream_bench',
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/4',
  partitions: 12,
  keys: positiveNumber('BENCH_KEYS', 100_000),
  /** Every system runs this many times, in alternating order; the best round counts, all are reported. */
  rounds: positiveNumber('BENCH_ROUNDS', 2),
  /** Events pre-produced for each throughput run. */
  events: positiveNumber('BENCH_EVENTS', 300_000),
  /** Target size of one JSON event. */
  eventBytes: 200,
  latencyRate: positiveNumber('BENCH_LATENCY_RATE', 5_000),
  latencyMs: positiveNumber('BENCH_LATENCY_S', 20) * 1000,
  /** Latencies of events sent in the first part of the window are dropped (producer/consumer warm-up). */
  latencyWarmupMs: 1_000,
  commitIntervalMs: 100,
  sinkRows: positiveNumber('BENCH_SINK_ROWS', 100_000),
  sinkRepeats: 3,
  restoreKeys: positiveNumber('BENCH_RESTORE_KEYS', 100_000),
  /** Events of the separate profiled run (only when a target is missed, or BENCH_PROFILE=1). */
  profileEvents: positiveNumber('BENCH_PROFILE_EVENTS', 150_000),
  profile: process.env.BENCH_PROFILE ?? 'auto',
  tmpDir: path.join(os.tmpdir(), `billstream-bench-${stamp}`),
  resultsDir: path.join(ROOT, 'bench', 'results'),
  javaDir: path.join(ROOT, 'bench', 'java'),
  // Bounds: every wait below gives up after one of these.
  limits: {
    readyMs: 120_000,
    drainMs: 600_000,
    latencyDrainMs: 120_000,
    restoreMs: 180_000,
    stopMs: 30_000,
    produceMs: 600_000,
    mavenMs: 600_000,
    pollMs: 100,
  },
} as const;

export const TARGETS = {
  engineEventsPerSec: 20_000,
  vsKafkaStreams: 1.0,
  vsCeiling: 0.7,
  p99Ms: 250,
  sinkRowsPerSec: 50_000,
  sinkVsCopy: 0.5,
  restoreMs: 10_000,
  rssMiB: 300,
} as const;
