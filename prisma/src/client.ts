import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client.ts';

export * from '../generated/client.ts';

/** Connections per pool unless the caller says otherwise (pg's default too). */
export const DEFAULT_POOL_MAX = 10;

export interface PoolOptions {
  /** Most connections the pool opens at once. */
  max?: number;
}

/**
 * A Prisma client over node-postgres (Prisma 7 has no query-engine binary;
 * the driver adapter is the connection). Call `$disconnect()` when done.
 */
export function createPrisma(databaseUrl: string, options: PoolOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? DEFAULT_POOL_MAX });
  return new PrismaClient({ adapter });
}

/**
 * A plain pg Pool for hand-written SQL (stream processors, migrations).
 * NUMERIC and BIGINT columns come back as strings, pg's default, which is
 * what money needs: never let them pass through a JS number.
 */
export function createPool(databaseUrl: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? DEFAULT_POOL_MAX });
  // An idle connection that the server drops emits 'error' on the pool; with
  // no listener that would crash the process. The next query reconnects.
  pool.on('error', (error) => {
    process.stderr.write(`[db] idle connection error: ${error.message}\n`);
  });
  return pool;
}
