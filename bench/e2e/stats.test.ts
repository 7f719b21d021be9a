import { describe, expect, it } from 'vitest';
import { kindOf } from './load.ts';
import { distribution, percentile } from './stats.ts';

describe('bench:e2e helpers', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(values, 0)).toThrow();
    expect(distribution([3, 1, 2])).toEqual({ count: 3, p50Ms: 2, p99Ms: 3, maxMs: 3 });
  });

  it('mixes 70 % transactions, 20 % invoices and 10 % payments', () => {
    const mix = { transaction: 7, invoice: 2, payment: 1 };
    const kinds = Array.from({ length: 1_000 }, (_, seq) => kindOf(seq, mix));
    expect(kinds.filter((kind) => kind === 'transaction')).toHaveLength(700);
    expect(kinds.filter((kind) => kind === 'invoice')).toHaveLength(200);
    expect(kinds.filter((kind) => kind === 'payment')).toHaveLength(100);
    expect(() => kindOf(0, { transaction: 7, invoice: 2, payment: 2 })).toThrow();
  });
});
