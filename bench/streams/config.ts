import os from 'node:os';
import path from 'node:path';

/** Repository root (bench/streams/../..). */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
};

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
  keys: num('BENCH_KEYS', 100_000),
  /** Every system runs this many times, in alternating order; the best round counts, all are reported. */
  rounds: num('BENCH_ROUNDS', 2),
  /** Events pre-produced for each throughput run. */
  events: num('BENCH_EVENTS', 300_000),
  /** Target size of one JSON event. */
  eventBytes: 200,
  latencyRate: num('BENCH_LATENCY_RATE', 5_000),
  latencyMs: num('BENCH_LATENCY_S', 20) * 1000,
  /** Latencies of events sent in the first part of the window are dropped (producer/consumer warm-up). */
  latencyWarmupMs: 1_000,
  commitIntervalMs: 100,
  sinkRows: num('BENCH_SINK_ROWS', 100_000),
  sinkRepeats: 3,
  restoreKeys: num('BENCH_RESTORE_KEYS', 100_000),
  /** Events of the separate profiled run (only when a target is missed, or BENCH_PROFILE=1). */
  profileEvents: num('BENCH_PROFILE_EVENTS', 150_000),
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
