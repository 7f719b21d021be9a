import { randomBytes } from 'node:crypto';
import { dropDatabase, quoteIdent, withClient, withDatabase } from './database.ts';
import { migrate } from './migrate.ts';

/** The server used to create throwaway databases when DATABASE_URL is unset. */
export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Prefix of every throwaway database, so leftovers are easy to spot. */
export const TEST_DATABASE_PREFIX = 'billstream_test_';

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database (ending its sessions). Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database with a random name on the server of `adminUrl`
 * (default: DATABASE_URL, else the local server), optionally migrated. For
 * integration tests of any package: they never touch a real database.
 */
export async function createTestDatabase(
  options: { adminUrl?: string; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = withDatabase(adminUrl, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropDatabase(adminUrl, name);
  };
  if (options.migrate) {
    try {
      await migrate(url);
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { name, url, drop };
}
