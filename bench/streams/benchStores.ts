// The bench's PostgreSQL database and Redis keys: made before a run, emptied between and after.

import { Redis } from 'ioredis';
import pg from 'pg';
import { BENCH } from './config.ts';
import { withAdmin } from './kafka.ts';
import { sleep } from './procs.ts';

export const benchDbUrl = (() => {
  const url = new URL(BENCH.adminDatabaseUrl);
  url.pathname = `/${BENCH.database}`;
  return url.toString();
})();

export async function preflight(): Promise<void> {
  await Promise.race([
    withAdmin((admin) => admin.listTopics()),
    sleep(15_000).then(() => {
      throw new Error('no answer');
    }),
  ]).catch((error) => {
    throw new Error(
      `Kafka does not answer at ${BENCH.brokers.join(',')} (${error.message}); start it with \`pnpm services\` (node scripts/bootstrap.cjs services)`,
    );
  });
}

export async function setupDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: BENCH.adminDatabaseUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${BENCH.database}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: benchDbUrl });
  await client.connect();
  try {
    // Same DDL as prisma/migrations/*_init: the view sinks keep their offsets here.
    await client.query(`CREATE TABLE IF NOT EXISTS stream_offsets (
      view TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, next_offset BIGINT NOT NULL,
      updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (view, topic, partition))`);
    // prisma/migrations/*_stream_offsets_cluster, also for a bench database made before it.
    await client.query('ALTER TABLE stream_offsets ADD COLUMN IF NOT EXISTS cluster_id VARCHAR(64)');
    await client.query('DROP TABLE IF EXISTS sum_totals');
  } finally {
    await client.end();
  }
}

/** Removes the sums app's Redis hashes from the bench database (db 4), bounded by a scan budget. */
export async function clearRedis(): Promise<void> {
  const redis = new Redis(BENCH.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    for (let round = 0; round < 10_000; round += 1) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'sums:*', 'COUNT', 5_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

export async function dropSumTotals(): Promise<void> {
  const client = new pg.Client({ connectionString: benchDbUrl });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS sum_totals').finally(() => client.end());
}

export async function pgViewCount(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ n: string | null }>(
    "SELECT (SELECT sum(count) FROM sum_totals)::text AS n WHERE to_regclass('sum_totals') IS NOT NULL",
  );
  return Number(result.rows[0]?.n ?? 0);
}
