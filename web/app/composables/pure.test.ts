import type { CategoryResource } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { treeRows } from './useAllCategories';
import { isoDay, totalsByCurrency } from './useAnalytics';
import { totalLag } from './useProcessorStatus';

const category = (id: string, name: string, parentId: string | null = null) =>
  ({ id, name, parentId, isActive: true }) as CategoryResource;

describe('treeRows', () => {
  it('lists children under their parent, depth first, in the given order', () => {
    const rows = treeRows([
      category('a', 'Apparel'),
      category('b', 'Books'),
      category('a1', 'Shirts', 'a'),
      category('a11', 'Polos', 'a1'),
      category('b1', 'Novels', 'b'),
    ]);
    expect(rows.map((row) => `${row.depth}:${row.category.name}`)).toEqual([
      '0:Apparel',
      '1:Shirts',
      '2:Polos',
      '0:Books',
      '1:Novels',
    ]);
  });

  it('shows an orphan at the root and survives a cycle', () => {
    const rows = treeRows([category('x', 'Orphan', 'gone'), category('p', 'P', 'q'), category('q', 'Q', 'p')]);
    expect(rows.map((row) => row.category.name)).toEqual(['Orphan']);
  });
});

describe('useAnalytics helpers', () => {
  it('sums decimal strings per currency exactly', () => {
    expect(
      totalsByCurrency([
        { currency: 'USD', amount: '0.10' },
        { currency: 'EUR', amount: '3.50' },
        { currency: 'USD', amount: '0.20' },
      ]),
    ).toBe('0.30 USD · 3.50 EUR');
    expect(totalsByCurrency([])).toBe('0');
  });

  it('names the UTC day of an instant', () => {
    expect(isoDay(Date.UTC(2026, 0, 31, 23, 59))).toBe('2026-01-31');
  });
});

describe('totalLag', () => {
  it('adds the lag of every partition of every instance', () => {
    const status = {
      instances: [{ lag: [{ lag: 2 }, { lag: 3 }] }, { lag: [{ lag: 5 }] }, { lag: [] }],
    } as unknown as Parameters<typeof totalLag>[0];
    expect(totalLag(status)).toBe(10);
  });
});
