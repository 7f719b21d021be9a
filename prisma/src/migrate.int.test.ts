// Integration: the runner's guarantees on throwaway databases.

import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseName, dropDatabase, ensureDatabase, withClient, withDatabase } from './database.ts';
import { migrate, migrationStatus } from './migrate.ts';
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from './migrations-dir.ts';
import { createTestDatabase, DEFAULT_ADMIN_URL, TEST_DATABASE_PREFIX, type TestDatabase } from './test-database.ts';

const DB_TIMEOUT_MS = 60_000;
const adminUrl = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;

/** A copy of prisma/migrations that a test may change freely. */
async function copyMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'billstream-migrations-'));
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe('migrate', { timeout: DB_TIMEOUT_MS }, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  const fresh = async (): Promise<TestDatabase> => {
    const db = await createTestDatabase({ adminUrl });
    cleanups.push(db.drop);
    return db;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  }, DB_TIMEOUT_MS);

  it('lets exactly one of two concurrent runners apply each migration', async () => {
    const db = await fresh();
    const local = await readMigrations();
    const results = await Promise.all([migrate(db.url), migrate(db.url)]);
    const applied = results.flatMap((result) => result.applied).sort();
    expect(applied).toEqual(local.map((migration) => migration.name));
    expect(results.map((result) => result.skipped).sort()).toEqual([0, local.length]);
    expect((await migrationStatus(db.url)).upToDate).toBe(true);
  });

  it('refuses to run when an applied migration.sql was edited', async () => {
    const db = await fresh();
    const dir = await copyMigrations();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await migrate(db.url, { migrationsDir: dir });
    const [first] = await readMigrations(dir);
    await writeFile(join(dir, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`);
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`${first!.name} were changed after they were applied`),
    );
    expect((await migrationStatus(db.url, { migrationsDir: dir })).modified).toEqual([first!.name]);
  });

  it('rolls a failing migration back whole and records nothing', async () => {
    const db = await fresh();
    const dir = await copyMigrations();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const broken = '29991231000000_broken';
    await mkdir(join(dir, broken));
    await writeFile(
      join(dir, broken, 'migration.sql'),
      'CREATE TABLE "half_done" (id INT);\nSELECT * FROM no_such_table;\n',
    );
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(
      /29991231000000_broken failed and was rolled back/,
    );
    const state = await withClient(db.url, async (client) => ({
      table: (await client.query(`SELECT to_regclass('half_done')::text AS t`)).rows[0].t,
      names: (await client.query('SELECT migration_name FROM _prisma_migrations')).rows.map(
        (row) => row.migration_name,
      ),
    }));
    expect(state.table).toBeNull();
    expect(state.names).not.toContain(broken);
    // The migrations before it stay applied.
    expect(state.names.length).toBe((await readMigrations()).length);
  });
});

describe('ensureDatabase', { timeout: DB_TIMEOUT_MS }, () => {
  it('creates a missing database once and leaves an existing one alone', async () => {
    const url = withDatabase(adminUrl, `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`);
    try {
      expect(await ensureDatabase(url)).toBe(true);
      expect(await ensureDatabase(url)).toBe(false);
      await withClient(url, (client) => client.query('SELECT 1'));
    } finally {
      await dropDatabase(adminUrl, databaseName(url));
    }
  });

  it('rethrows errors other than a missing database', async () => {
    const unreachable = 'postgresql://postgres@127.0.0.1:1/nothing';
    await expect(ensureDatabase(unreachable)).rejects.toThrow();
  });
});
