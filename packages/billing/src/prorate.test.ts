import { describe, expect, it } from 'vitest';
import { dueDate } from './dates.ts';
import { prorate } from './prorate.ts';

const day = 86_400_000;
const start = Date.parse('2026-11-01T00:00:00Z');

describe('prorate', () => {
  it.each([
    // change after n of 30 days: credit old, charge new
    [0, '30.00', '60.00', '30.00', '60.00'],
    [15, '30.00', '60.00', '15.00', '30.00'],
    [10, '10.00', '20.00', '6.67', '13.33'],
    [30, '30.00', '60.00', '0.00', '0.00'],
    [29, '99.99', '0.00', '3.33', '0.00'],
  ])('change on day %i of 30: %s → %s', (dayOf, oldPrice, newPrice, credit, charge) => {
    const result = prorate({
      currency: 'USD',
      oldPrice,
      newPrice,
      periodStartMs: start,
      periodEndMs: start + 30 * day,
      changeAtMs: start + dayOf * day,
    });
    expect({ credit: result.credit, charge: result.charge }).toEqual({ credit, charge });
  });
  it('refuses a change outside the period', () => {
    expect(() =>
      prorate({
        currency: 'USD',
        oldPrice: '1',
        newPrice: '1',
        periodStartMs: start,
        periodEndMs: start + day,
        changeAtMs: start + 2 * day,
      }),
    ).toThrow();
  });
});

describe('dueDate', () => {
  it('adds calendar days across months and years', () => {
    expect(dueDate('2026-11-25', 30)).toBe('2026-12-25');
    expect(dueDate('2026-12-15', 30)).toBe('2027-01-14');
    expect(dueDate('2028-02-28', 1)).toBe('2028-02-29');
  });
});
