import { describe, expect, it } from 'vitest';
import { foldTransaction, TransactionMinute } from './analyticsState.ts';

describe('analytics sums at the edge of the money range', () => {
  it('a minute of two credits at the cap sums past the range of one amount and still validates', () => {
    const fact = {
      organizationId: '00000000-0000-4000-8000-0000000000aa',
      currency: 'USD' as const,
      completed: true,
      kind: 'credit' as const,
      amount: '999999999999999.99',
    };
    const minute = foldTransaction(fact, foldTransaction(fact, null));
    expect(minute.credits).toBe('1999999999999999.98');
    expect(TransactionMinute.parse(minute)).toEqual(minute);
  });
});
