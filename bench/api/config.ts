import os from 'node:os';
import path from 'node:path';
import { positiveNumber } from '../common/knobs.ts';

/** Repository root (bench/api/../..). */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const stamp = Date.now();

/** Every knob of `pnpm bench:api`; the BENCH_API_* variables exist for quick local iterations only. */
export const BENCH_API = {
  stamp,
  /** Topic prefix of this run: its command topic is never one the app or the tests use. */
  topicPrefix: `benchapi${stamp}.`,
  /** A database of its own (dropped and re-seeded at the start of every run). */
  database: 'billstream_bench_api',
  redisDb: 5,
  /** Seconds of load per measured run, after a warm-up run. */
  durationSeconds: positiveNumber('BENCH_API_SECONDS', 20),
  warmupSeconds: positiveNumber('BENCH_API_WARMUP_SECONDS', 3),
  /** Seconds of the separate profiled run of the web app. */
  profileSeconds: positiveNumber('BENCH_API_PROFILE_SECONDS', 10),
  /** Open connections and wrk threads (the machine has 2 cores shared by everything). */
  connections: positiveNumber('BENCH_API_CONNECTIONS', 64),
  threads: positiveNumber('BENCH_API_THREADS', 2),
  /** A request slower than this counts as a wrk timeout. */
  requestTimeoutSeconds: 5,
  /** The web app's budgets are raised so the limiter runs (Redis round trip) but never refuses. */
  rateLimitPerMinute: 1_000_000_000,
  tmpDir: path.join(os.tmpdir(), `billstream-bench-api-${stamp}`),
  resultsDir: path.join(ROOT, 'bench', 'results'),
  limits: { readyMs: 90_000, stopMs: 30_000 },
} as const;

export const TARGETS = {
  acceptedPerSec: 5_000,
  p99Ms: 50,
  vsBare: 0.8,
} as const;
