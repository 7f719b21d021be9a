import os from 'node:os';
import path from 'node:path';
import { positiveNumber } from '../common/knobs.ts';

/** Repository root (bench/e2e/../..). */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const stamp = Date.now();

/** Every knob of `pnpm bench:e2e`; the BENCH_E2E_* variables exist for quick local iterations only. */
export const BENCH_E2E = {
  stamp,
  /** Topic prefix of this run: its topics and groups are never the app's or the tests'. */
  topicPrefix: `benche2e${stamp}.`,
  /** A database of its own (dropped and re-seeded at the start of every run). */
  database: 'billstream_bench_e2e',
  redisDb: 6,
  /** Commands offered per second, and for how long (after a warm-up at the same rate). */
  ratePerSec: positiveNumber('BENCH_E2E_RATE', 1_000),
  durationSeconds: positiveNumber('BENCH_E2E_SECONDS', 60),
  warmupSeconds: positiveNumber('BENCH_E2E_WARMUP_SECONDS', 5),
  /** Share of each command in the mix (the 70 / 20 / 10), as tenths. */
  mixTenths: { transaction: 7, invoice: 2, payment: 1 },
  invoiceLines: 10,
  /**
   * Requests in flight at most. The load is open-loop (commands are offered
   * on a fixed schedule, not after the previous answer); a command due while
   * this many wait is counted as not offered instead of piling up without end.
   */
  inFlightMax: positiveNumber('BENCH_E2E_IN_FLIGHT_MAX', 256),
  /** After the load, how long views may take to show the last commands. */
  drainSeconds: positiveNumber('BENCH_E2E_DRAIN_SECONDS', 120),
  /** The visibility poller's period: the resolution of every end-to-end latency. */
  pollIntervalMs: 20,
  /** Ids per visibility query. */
  pollIdsMax: 2_000,
  /** Scheduler tick: commands due since the last tick go out together. */
  tickMs: 5,
  /** Accounts the load spreads over (each is a partition key, so spreading is parallelism). */
  accountsMax: 16,
  /** Cards stored up front for the payment share. */
  cardAccountsMax: 4,
  large: { invoices: positiveNumber('BENCH_E2E_LARGE_INVOICES', 10), lines: 1_000 },
  /** The web app's budgets are raised so the limiter runs but never refuses. */
  rateLimitPerMinute: 1_000_000_000,
  tmpDir: path.join(os.tmpdir(), `billstream-bench-e2e-${stamp}`),
  resultsDir: path.join(ROOT, 'bench', 'results'),
} as const;

export const TARGETS = {
  ratePerSec: 1_000,
  p99Ms: 250,
  linesPerSec: 5_000,
} as const;
