import type pg from 'pg';
import type { LocalMigration } from './migrations-dir.ts';

/**
 * Prisma Migrate's bookkeeping table, column for column, so that
 * `prisma migrate status|deploy` on a machine with the native engine agrees
 * with this runner.
 */
export const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface HistoryRow {
  migrationName: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
}

export async function readHistory(client: pg.Client): Promise<HistoryRow[]> {
  const exists = await client.query<{ table: string | null }>(
    `SELECT to_regclass('"_prisma_migrations"')::text AS "table"`,
  );
  if (!exists.rows[0]?.table) return [];
  const result = await client.query<HistoryRow>(
    `SELECT migration_name AS "migrationName", checksum, finished_at AS "finishedAt",
            rolled_back_at AS "rolledBackAt"
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

export interface MigrationReport {
  /** Local migrations recorded as applied with an unchanged checksum. */
  applied: string[];
  /** Local migrations not applied yet, in apply order. */
  pending: LocalMigration[];
  /** Started but never finished nor rolled back (a crashed `prisma migrate`). */
  failed: string[];
  /** Applied, but migration.sql has changed since. */
  modified: string[];
  /** Recorded in the database but absent here (a newer release applied them). */
  unknown: string[];
}

/** Compares the migration folders with `_prisma_migrations`. Pure. */
export function diagnose(local: LocalMigration[], history: HistoryRow[]): MigrationReport {
  // A rolled-back attempt no longer counts: Prisma re-applies such migrations.
  const live = history.filter((row) => row.rolledBackAt === null);
  const failed = live.filter((row) => row.finishedAt === null).map((row) => row.migrationName);
  const finished = new Map<string, HistoryRow>();
  for (const row of live) if (row.finishedAt !== null) finished.set(row.migrationName, row);

  const report: MigrationReport = { applied: [], pending: [], failed, modified: [], unknown: [] };
  for (const migration of local) {
    const row = finished.get(migration.name);
    if (!row) {
      if (!failed.includes(migration.name)) report.pending.push(migration);
    } else if (row.checksum !== migration.checksum) {
      report.modified.push(migration.name);
    } else {
      report.applied.push(migration.name);
    }
  }
  const localNames = new Set(local.map((migration) => migration.name));
  report.unknown = [...finished.keys()].filter((name) => !localNames.has(name));
  return report;
}
