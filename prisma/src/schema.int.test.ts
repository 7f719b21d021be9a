// Integration: migrates a throwaway database on the local PostgreSQL and
// proves that migrations/*/migration.sql creates exactly what schema.prisma
// describes (tables, columns with types and defaults, indexes, foreign keys).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from './database.ts';
import { migrate } from './migrate.ts';
import { checksumOf, DEFAULT_MIGRATIONS_DIR, readMigrations } from './migrations-dir.ts';
import { actualSchema } from './schema-actual.ts';
import { expectedSchema } from './schema-expected.ts';
import { diffSchemas } from './schema-shape.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const DB_TIMEOUT_MS = 60_000;

/** The index names the original design fixed; they must never be renamed. */
const DESIGN_INDEXES = {
  users: ['idx_users_email'],
  categories: ['idx_categories_parent', 'idx_categories_active'],
  billing_accounts: ['idx_billing_accounts_user'],
  transactions: [
    'idx_transactions_account',
    'idx_transactions_created',
    'idx_transactions_status',
    'idx_transactions_account_status_date',
  ],
  invoices: ['idx_invoices_account', 'idx_invoices_status', 'idx_invoices_due_date', 'idx_invoices_account_status_due'],
};

describe('migrations match schema.prisma', { timeout: DB_TIMEOUT_MS }, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, DB_TIMEOUT_MS);
  afterAll(async () => {
    await db?.drop();
  }, DB_TIMEOUT_MS);

  it('applies every migration once; a second run applies nothing', async () => {
    const local = await readMigrations();
    const first = await migrate(db.url);
    expect(first).toEqual({ applied: local.map((migration) => migration.name), skipped: 0 });
    const second = await migrate(db.url);
    expect(second).toEqual({ applied: [], skipped: local.length });
  });

  it('records each migration as Prisma does (sha256 of migration.sql, finished)', async () => {
    const local = await readMigrations();
    const rows = await withClient(
      db.url,
      async (client) =>
        (
          await client.query(
            'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
          )
        ).rows,
    );
    expect(rows).toHaveLength(local.length);
    for (const [index, migration] of local.entries()) {
      const file = readFileSync(`${DEFAULT_MIGRATIONS_DIR}/${migration.name}/migration.sql`, 'utf8');
      expect(rows[index]).toMatchObject({
        migration_name: migration.name,
        checksum: checksumOf(file),
        applied_steps_count: 1,
      });
      expect(rows[index].finished_at).toBeInstanceOf(Date);
    }
  });

  it('has exactly the tables, columns, indexes and foreign keys of schema.prisma', async () => {
    const actual = await withClient(db.url, actualSchema);
    const expected = expectedSchema();
    // Sanity: the comparison is not vacuous.
    expect(expected.length).toBeGreaterThanOrEqual(20);
    expect(diffSchemas(expected, actual)).toEqual([]);
  });

  it('keeps the design index names', async () => {
    const expected = expectedSchema();
    for (const [table, names] of Object.entries(DESIGN_INDEXES)) {
      const indexes = expected.find((shape) => shape.name === table)?.indexes.map((index) => index.name) ?? [];
      expect(indexes, table).toEqual(expect.arrayContaining(names));
    }
  });

  it('stores money as NUMERIC(19,4) everywhere, and sums of many amounts as NUMERIC(34,4)', () => {
    const moneyColumns = expectedSchema().flatMap((table) =>
      table.columns
        .filter((column) => column.type.startsWith('numeric'))
        .map((column) => `${table.name}.${column.name} ${column.type}`),
    );
    const notMoney = moneyColumns.filter((column) => !column.endsWith('numeric(19,4)'));
    // The tax rate is a ratio, not an amount; analytics sums may pass one amount's range (AGGREGATE_INTEGER_DIGITS_MAX).
    expect(notMoney.sort()).toEqual(
      [
        'analytics_revenue_daily.collected_amount numeric(34,4)',
        'analytics_revenue_daily.credited_amount numeric(34,4)',
        'analytics_revenue_daily.invoiced_amount numeric(34,4)',
        'analytics_transactions_minute.credit_amount numeric(34,4)',
        'analytics_transactions_minute.debit_amount numeric(34,4)',
        'invoice_lines.tax_rate numeric(9,6)',
      ].sort(),
    );
  });

  it('names each mismatch when the database drifts from the schema', async () => {
    await withClient(db.url, async (client) => {
      await client.query('ALTER TABLE users ALTER COLUMN locale TYPE VARCHAR(40)');
      await client.query('ALTER TABLE invoices ALTER COLUMN currency DROP NOT NULL');
      await client.query('DROP INDEX idx_transactions_status');
      await client.query('CREATE INDEX idx_extra ON products (name)');
      await client.query('ALTER TABLE refunds ADD COLUMN note TEXT');
    });
    const problems = diffSchemas(expectedSchema(), await withClient(db.url, actualSchema));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^users: column locale expected varchar\(35\).*found varchar\(40\)/),
        expect.stringMatching(/^invoices: column currency expected varchar\(3\) NOT NULL.*found varchar\(3\) NULL/),
        expect.stringMatching(/^transactions: missing index idx_transactions_status/),
        expect.stringMatching(/^products: unexpected index idx_extra/),
        expect.stringMatching(/^refunds: unexpected column note/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});
