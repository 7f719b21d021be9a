import { describe, expect, it } from 'vitest';
import { diagnose, type HistoryRow } from './migration-history.ts';
import { checksumOf, type LocalMigration } from './migrations-dir.ts';

const local = (name: string, sql = `-- ${name}`): LocalMigration => ({ name, sql, checksum: checksumOf(sql) });
const row = (migration: LocalMigration, overrides: Partial<HistoryRow> = {}): HistoryRow => ({
  migrationName: migration.name,
  checksum: migration.checksum,
  finishedAt: new Date(),
  rolledBackAt: null,
  ...overrides,
});

describe('diagnose', () => {
  const one = local('20260101000000_one');
  const two = local('20260201000000_two');

  it('splits applied from pending, keeping folder order', () => {
    const report = diagnose([one, two], [row(one)]);
    expect(report.applied).toEqual([one.name]);
    expect(report.pending.map((migration) => migration.name)).toEqual([two.name]);
    expect(report).toMatchObject({ failed: [], modified: [], unknown: [] });
  });

  it('flags an applied migration whose file changed', () => {
    expect(diagnose([one], [row(one, { checksum: checksumOf('something else') })]).modified).toEqual([one.name]);
  });

  it('flags an unfinished attempt and does not retry it', () => {
    const report = diagnose([one], [row(one, { finishedAt: null })]);
    expect(report.failed).toEqual([one.name]);
    expect(report.pending).toEqual([]);
  });

  it('re-applies a migration that was rolled back', () => {
    const report = diagnose([one], [row(one, { finishedAt: null, rolledBackAt: new Date() })]);
    expect(report.pending.map((migration) => migration.name)).toEqual([one.name]);
    expect(report.failed).toEqual([]);
  });

  it('lists applied migrations that are not here', () => {
    expect(diagnose([one], [row(one), row(two)]).unknown).toEqual([two.name]);
  });
});
