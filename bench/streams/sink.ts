import { spawn } from 'node:child_process';
import { type AmountTotal, internalTopicName } from '@billstream/contracts';
import pg from 'pg';
import { SUM_TOTALS_TABLE, sumTotalsPostgres } from '../../streams/src/apps/sums/sumsApp.ts';
import { applyPostgres, VIEW_BATCH_ROWS_MAX, type ViewRow } from '../../streams/src/runtime/kafka/viewSink.ts';
import { BENCH } from './config.ts';
import { keyName } from './kafka.ts';

/** The sink alone reads no Kafka cluster; its offsets rows are deleted after each measure. */
const BENCH_SINK_CLUSTER_ID = 'bench-sink';

const sumTotalsHandler = sumTotalsPostgres;

export interface SinkResult {
  readonly rows: number;
  readonly batchRows: number;
  /** applyPostgres into an empty table (insert path), median of the repeats. */
  readonly sinkInsertRowsPerSec: number;
  /** applyPostgres over existing keys (update path). */
  readonly sinkUpdateRowsPerSec: number;
  /** COPY ... FROM STDIN through psql, psql start-up (SELECT 1 baseline) subtracted. */
  readonly copyRowsPerSec: number;
  readonly repeats: number;
}

const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function totals(round: number): AmountTotal[] {
  return Array.from({ length: BENCH.sinkRows }, (_, index) => ({
    key: keyName(index),
    total: `${(index * 37 + round) % 1_000_000}.${String(index % 100).padStart(2, '0')}`,
    count: round + 1,
    lastSentAtMs: 1_700_000_000_000 + index,
  }));
}

async function timeSink(pool: pg.Pool, values: AmountTotal[], firstOffset: bigint): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < values.length; start += VIEW_BATCH_ROWS_MAX) {
    const rows: ViewRow[] = values.slice(start, start + VIEW_BATCH_ROWS_MAX).map((value, index) => ({
      key: value.key,
      value,
      timestampMs: value.lastSentAtMs,
      source: null,
      partition: 0,
      offset: firstOffset + BigInt(start + index),
    }));
    const applied = await applyPostgres(
      pool,
      BENCH_SINK_CLUSTER_ID,
      'bench:sum_totals',
      internalTopicName('bench', 'view', 'sum_totals'),
      0,
      rows,
      sumTotalsHandler,
    );
    if (applied !== rows.length) throw new Error(`applyPostgres applied ${applied} of ${rows.length} rows`);
  }
  return performance.now() - started;
}

function psql(databaseUrl: string, sql: string, stdin: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('psql', [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
      stdio: [stdin === null ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`psql exited ${code}: ${stderr}`));
    });
    if (stdin !== null) child.stdin!.end(stdin);
  });
}

/** View sink rows/s (the runtime's applyPostgres) against COPY into the same table, same run. */
export async function benchSink(databaseUrl: string): Promise<SinkResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query('SELECT 1');
    await pool.query('DROP TABLE IF EXISTS sum_totals');
    await pool.query(SUM_TOTALS_TABLE);
    const insert: number[] = [];
    const update: number[] = [];
    const copy: number[] = [];
    const csv = totals(0)
      .map((total) => `${total.key},${total.total},${total.count}\n`)
      .join('');
    let offset = 0n;
    for (let round = 0; round < BENCH.sinkRepeats; round += 1) {
      await pool.query('TRUNCATE sum_totals');
      await pool.query("DELETE FROM stream_offsets WHERE view = 'bench:sum_totals'");
      offset = 0n;
      insert.push(await timeSink(pool, totals(round), offset));
      offset += BigInt(BENCH.sinkRows);
      update.push(await timeSink(pool, totals(round + 1), offset));
      await pool.query('TRUNCATE sum_totals');
      const baseline = await psql(databaseUrl, 'SELECT 1', null);
      const copyMs = await psql(databaseUrl, 'COPY sum_totals (key, total, count) FROM STDIN WITH (FORMAT csv)', csv);
      const copied = await pool.query<{ n: string }>('SELECT count(*) AS n FROM sum_totals');
      if (Number(copied.rows[0]!.n) !== BENCH.sinkRows) throw new Error(`COPY loaded ${copied.rows[0]!.n} rows`);
      copy.push(Math.max(1, copyMs - baseline));
    }
    await pool.query('DROP TABLE IF EXISTS sum_totals');
    await pool.query("DELETE FROM stream_offsets WHERE view = 'bench:sum_totals'");
    const rate = (ms: number) => (BENCH.sinkRows * 1000) / ms;
    return {
      rows: BENCH.sinkRows,
      batchRows: VIEW_BATCH_ROWS_MAX,
      sinkInsertRowsPerSec: rate(median(insert)),
      sinkUpdateRowsPerSec: rate(median(update)),
      copyRowsPerSec: rate(median(copy)),
      repeats: BENCH.sinkRepeats,
    };
  } finally {
    await pool.end();
  }
}
