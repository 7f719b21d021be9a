import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { withClient } from './database.ts';
import { CREATE_MIGRATIONS_TABLE, diagnose, type MigrationReport, readHistory } from './migration-history.ts';
import { type LocalMigration, readMigrations } from './migrations-dir.ts';

/**
 * The advisory lock key Prisma Migrate itself takes on PostgreSQL, so this
 * runner, a second copy of it and `prisma migrate deploy` all wait for each
 * other instead of racing.
 */
export const PRISMA_MIGRATE_LOCK_ID = 72707369;

export interface MigrateOptions {
  log?: (msg: string) => void;
  /** Defaults to prisma/migrations of this package. */
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
  /** How many local migrations were already applied. */
  skipped: number;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Throws when the database history forbids applying anything. */
function assertHealthy(report: MigrationReport): void {
  if (report.failed.length > 0) {
    throw new MigrationError(
      `migration(s) ${report.failed.join(', ')} started but never finished. Inspect the database, then ` +
        'mark them with `prisma migrate resolve --rolled-back <name>` (or --applied) before migrating again.',
    );
  }
  if (report.modified.length > 0) {
    throw new MigrationError(
      `migration(s) ${report.modified.join(', ')} were changed after they were applied (checksum of ` +
        'migration.sql differs from _prisma_migrations). Never edit an applied migration: restore the ' +
        'file and put the change in a new migration.',
    );
  }
}

/**
 * One migration in one transaction, recorded in the same transaction: it is
 * either fully applied and recorded, or not at all (PostgreSQL DDL is
 * transactional). A migration that needs CREATE INDEX CONCURRENTLY cannot
 * run here and must be split out.
 */
async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Applies the pending migrations in prisma/migrations to `databaseUrl`, the
 * way `prisma migrate deploy` would (the native engine is not available
 * here). The database must exist: call ensureDatabase first if needed.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const local = await readMigrations(options.migrationsDir);
  return withClient(databaseUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_ID]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const report = diagnose(local, await readHistory(client));
      assertHealthy(report);
      for (const name of report.unknown) {
        log(`warning: migration ${name} is applied in the database but missing here (newer release?)`);
      }
      const applied: string[] = [];
      for (const migration of report.pending) {
        log(`applying migration ${migration.name}`);
        await applyMigration(client, migration);
        applied.push(migration.name);
      }
      log(applied.length === 0 ? 'database schema is up to date' : `applied ${applied.length} migration(s)`);
      return { applied, skipped: report.applied.length };
    } finally {
      // Closing the connection would release the lock too; unlock explicitly
      // so a pooled connection could never keep it.
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]).catch(() => undefined);
    }
  });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: string[];
  modified: string[];
  unknown: string[];
  upToDate: boolean;
}

/** What `migrate` would do, without changing anything (no table is created). */
export async function migrationStatus(
  databaseUrl: string,
  options: Pick<MigrateOptions, 'migrationsDir'> = {},
): Promise<MigrationStatus> {
  const local = await readMigrations(options.migrationsDir);
  const report = await withClient(databaseUrl, async (client) => diagnose(local, await readHistory(client)));
  const pending = report.pending.map((migration) => migration.name);
  const upToDate = pending.length === 0 && report.failed.length === 0 && report.modified.length === 0;
  return { ...report, pending, upToDate };
}
