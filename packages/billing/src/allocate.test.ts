import { MoneyDecimal } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { allocateProportionally } from './allocate.ts';

const d = (values: number[]) => values.map((value) => new MoneyDecimal(value));

describe('allocateProportionally', () => {
  it('sums exactly and gives leftovers to the largest remainders', () => {
    const shares = allocateProportionally(new MoneyDecimal(100), d([1, 1, 1]));
    expect(shares.map(String)).toEqual(['34', '33', '33']);
  });
  it('never gives a share more than its weight', () => {
    const shares = allocateProportionally(new MoneyDecimal(5), d([2, 3, 0]));
    expect(shares.map(String)).toEqual(['2', '3', '0']);
  });
  it('allocates zero onto zero weights and refuses more', () => {
    expect(allocateProportionally(new MoneyDecimal(0), d([0, 0])).map(String)).toEqual(['0', '0']);
    expect(() => allocateProportionally(new MoneyDecimal(1), d([0]))).toThrow();
  });
});
