// The SQL the stream apps write their PostgreSQL views with agrees with the
// Prisma schema (prisma/schema.prisma, read through Prisma's own parser):
// every table and column they name exists, and every INSERT fills each
// column that is NOT NULL without a default.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedSchema } from '../../prisma/src/schema-expected.ts';
import type { TableShape } from '../../prisma/src/schema-shape.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Every file that writes a view table; a new *Views.ts file belongs here. */
const VIEW_WRITERS = [
  'streams/src/apps/activity/activityView.ts',
  'streams/src/apps/analytics/analyticsViews.ts',
  'streams/src/apps/billing/billingViews.ts',
  'streams/src/apps/ledger/ledgerViews.ts',
  'streams/src/apps/payments/paymentsViews.ts',
  'streams/src/apps/payments/webhookDelivery.ts',
  'streams/src/apps/subscriptions/subscriptionsViews.ts',
  'streams/src/apps/sums/sumsApp.ts',
  'streams/src/apps/webhooks/deliveryWorker.ts',
  'streams/src/apps/webhooks/webhookEventsView.ts',
];
/** Tables an app creates itself (the engine's benchmark table), so Prisma does not know them. */
const APP_OWNED_TABLES = new Set(['sum_totals']);

interface Write {
  readonly file: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly insert: boolean;
}

/** Column names assigned in a SET list (`a = x, b = now()`), up to FROM / WHERE / the end. */
function assigned(setList: string): string[] {
  const body = setList.split(/\b(?:FROM|WHERE)\b/)[0] ?? '';
  return [...body.matchAll(/(?:^|,)\s*([a-z_]+)\s*=(?!=)/g)].map((match) => match[1]!);
}

/** The INSERT and UPDATE statements of a source file, with the columns each names. */
function writesIn(file: string, text: string): Write[] {
  const writes: Write[] = [];
  for (const match of text.matchAll(/INSERT INTO ([a-z_]+)(?: AS [a-z]+)? \(([^)]*)\)/g)) {
    const columns = match[2]!.split(',').map((column) => column.trim());
    writes.push({ file, table: match[1]!, columns, insert: true });
    const rest = text.slice(match.index! + match[0].length).split('`')[0] ?? '';
    const update = rest.match(/DO UPDATE SET ([\s\S]*)/);
    if (update) writes.push({ file, table: match[1]!, columns: assigned(update[1]!), insert: false });
  }
  for (const match of text.matchAll(/UPDATE ([a-z_]+)(?: AS [a-z]+)?\s+(?:[a-z]+\s+)?SET ([\s\S]*?)(?:`|')/g)) {
    writes.push({ file, table: match[1]!, columns: assigned(match[2]!), insert: false });
  }
  return writes;
}

/** What a write names that the schema lacks, and the required columns an INSERT leaves out. */
function disagreements(write: Write, tables: ReadonlyMap<string, TableShape>): string[] {
  const where = `${write.file}: ${write.insert ? 'INSERT INTO' : 'UPDATE'} ${write.table}`;
  const table = tables.get(write.table);
  if (!table) return [`${where}: no such table in schema.prisma`];
  const known = new Set(table.columns.map((column) => column.name));
  const problems = write.columns
    .filter((column) => !known.has(column))
    .map((column) => `${where}: no column ${column}`);
  if (write.insert) {
    const required = table.columns.filter((column) => !column.nullable && column.default === null);
    for (const column of required)
      if (!write.columns.includes(column.name)) problems.push(`${where}: leaves out NOT NULL ${column.name}`);
  }
  return problems;
}

describe('view tables', () => {
  const tables = new Map(expectedSchema().map((table) => [table.name, table]));
  const writes = VIEW_WRITERS.flatMap((file) => writesIn(file, readFileSync(path.join(ROOT, file), 'utf8')));

  it('finds the writes of every view writer', () => {
    for (const file of VIEW_WRITERS)
      expect(
        writes.some((write) => write.file === file),
        file,
      ).toBe(true);
  });

  it('name only tables and columns schema.prisma has, and fill every required column', () => {
    const checked = writes.filter((write) => !APP_OWNED_TABLES.has(write.table));
    expect(checked.flatMap((write) => disagreements(write, tables))).toEqual([]);
  });

  it('lists every file under streams/src/apps that writes SQL', () => {
    const out = execFileSync(
      'git',
      ['grep', '-l', '-E', 'INSERT INTO|UPDATE [a-z_]+ ', '--', 'streams/src/apps', ':!*.test.ts'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(out.split('\n').filter(Boolean).sort()).toEqual([...VIEW_WRITERS].sort());
  });

  it('catches a misspelt column, an unknown table and a missing required column', () => {
    const sample = `INSERT INTO transactions (id, organization_id, acount_id) VALUES ($1)
      UPDATE billing_accounts AS b SET balanse = u.balance, version = u.version FROM x WHERE b.id = u.id\``;
    const problems = writesIn('sample.ts', sample).flatMap((write) => disagreements(write, tables));
    expect(problems).toEqual(
      expect.arrayContaining([
        'sample.ts: INSERT INTO transactions: no column acount_id',
        'sample.ts: INSERT INTO transactions: leaves out NOT NULL account_id',
        'sample.ts: UPDATE billing_accounts: no column balanse',
      ]),
    );
    expect(disagreements({ file: 'x', table: 'nope', columns: [], insert: true }, tables)).toEqual([
      'x: INSERT INTO nope: no such table in schema.prisma',
    ]);
  });
});
