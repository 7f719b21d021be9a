import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** prisma/migrations, next to schema.prisma, as `prisma migrate` lays it out. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const MIGRATION_FILE = 'migration.sql';

export interface LocalMigration {
  /** Folder name, e.g. 20261125170000_init; its order is the apply order. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, the value Prisma keeps in `checksum`. */
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/**
 * Reads every `<dir>/<name>/migration.sql`, sorted by folder name as Prisma
 * does. A folder without migration.sql is an error rather than something to
 * skip: Prisma refuses it too, and skipping would hide a broken checkout.
 */
export async function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: LocalMigration[] = [];
  for (const name of names) {
    const file = join(dir, name, MIGRATION_FILE);
    let sql: string;
    try {
      sql = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`migration folder ${name} has no readable ${MIGRATION_FILE} (${file})`, { cause: error });
    }
    migrations.push({ name, sql, checksum: checksumOf(sql) });
  }
  return migrations;
}
