import { describe, expect, it } from 'vitest';
import { diffSchemas, type TableShape } from './schema-shape.ts';

const table = (overrides: Partial<TableShape> = {}): TableShape => ({
  name: 'accounts',
  columns: [{ name: 'balance', type: 'numeric(19,4)', nullable: false, default: '0' }],
  indexes: [{ name: 'accounts_pkey', columns: ['id'], kind: 'primary' }],
  foreignKeys: [],
  ...overrides,
});

describe('diffSchemas', () => {
  it('finds nothing when both sides agree', () => {
    expect(diffSchemas([table()], [table()])).toEqual([]);
  });

  it('reports precision, nullability and default changes of a column', () => {
    const actual = table({ columns: [{ name: 'balance', type: 'numeric(15,2)', nullable: true, default: null }] });
    expect(diffSchemas([table()], [actual])).toEqual([
      'accounts: column balance expected numeric(19,4) NOT NULL DEFAULT 0, found numeric(15,2) NULL DEFAULT (none)',
    ]);
  });

  it('reports index columns in order and missing or extra tables', () => {
    const expected = [table({ indexes: [{ name: 'idx_a', columns: ['a', 'b'], kind: 'index' }] })];
    const actual = [
      table({ indexes: [{ name: 'idx_a', columns: ['b', 'a'], kind: 'index' }] }),
      table({ name: 'extra' }),
    ];
    expect(diffSchemas(expected, actual)).toEqual([
      'accounts: index idx_a expected index (a, b), found index (b, a)',
      'unexpected table extra',
    ]);
    expect(diffSchemas(expected, [])).toEqual(['missing table accounts']);
  });
});
