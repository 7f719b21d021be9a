import { CreateInvoiceBody } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { flattenUnionIssues } from './zodIssues';

const ACCOUNT = '00000000-0000-4000-8000-0000000000aa';

function names(body: unknown): string[] {
  const result = CreateInvoiceBody.safeParse(body);
  if (result.success) return [];
  return flattenUnionIssues(result.error.issues).map((issue) => issue.path.join('.'));
}

describe('flattenUnionIssues', () => {
  it('reports a bad free line on its own fields, not on the union', () => {
    const line = { description: 'Setup', quantity: 'x', unitPrice: 'y', taxCategory: 'standard' };
    expect(names({ accountId: ACCOUNT, lines: [line] }).sort()).toEqual(['lines.0.quantity', 'lines.0.unitPrice']);
  });

  it('reports a bad product line on its own fields', () => {
    expect(names({ accountId: ACCOUNT, lines: [{ productId: 'nope', quantity: '0' }] }).sort()).toEqual([
      'lines.0.productId',
      'lines.0.quantity',
    ]);
  });

  it('leaves other issues as they are', () => {
    expect(names({ accountId: 'x', lines: [] }).sort()).toEqual(['accountId', 'lines']);
  });
});
