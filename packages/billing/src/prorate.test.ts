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

type Random = () => number;

function randomCase(random: Random) {
  const periodSeconds = 1 + Math.floor(random() * 31_622_400);
  const unused = Math.floor(random() * (periodSeconds + 1));
  return { price: (Math.floor(random() * 100_000_000) / 10_000).toFixed(4), unused, periodSeconds };
}

/**
 * price × unused ÷ period = m/2 cents with m odd, through a fraction that
 * does not terminate: price = m·a cents, period = 2·a·unused (a = 3 gives ⅙).
 */
function halfCentCase(random: Random) {
  const m = 2 * Math.floor(random() * 500) + 1;
  const a = 1 + Math.floor(random() * 50);
  const unused = 1 + Math.floor(random() * 100_000);
  return { price: ((m * a) / 100).toFixed(2), unused, periodSeconds: 2 * a * unused };
}

describe('PRORATION_RULE against an exact-fraction oracle', () => {
  /** round(price × unused ÷ period) to cents, half up, in exact integer arithmetic (price has ≤ 4 decimals). */
  function oracleCents(price: string, unusedSeconds: number, periodSeconds: number): bigint {
    const [whole, fraction = ''] = price.split('.');
    const tenThousandths = BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, '0'));
    const numerator = tenThousandths * BigInt(unusedSeconds);
    const denominator = BigInt(periodSeconds) * 100n;
    const quotient = numerator / denominator;
    return 2n * (numerator % denominator) >= denominator ? quotient + 1n : quotient;
  }
  const cents = (amount: string) => BigInt(amount.replace('.', ''));

  it('rounds the half-cent point of the issue up: 8.10 × 27200 ÷ 2592000 = 0.085 → 0.09', () => {
    const periodMs = 2_592_000_000;
    const result = prorate({
      currency: 'USD',
      oldPrice: '8.10',
      newPrice: '8.10',
      periodStartMs: start,
      periodEndMs: start + periodMs,
      changeAtMs: start + periodMs - 27_200_000,
    });
    expect(result.credit).toBe('0.09');
  });

  it('agrees with the oracle over seeded random prices, periods and change instants, half-cent points included', () => {
    // A fixed-seed generator (mulberry32): every run checks the same cases, and a failure names them.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const CASES = 5_000;
    for (let index = 0; index < CASES; index += 1) {
      const { price, unused, periodSeconds } = index % 5 === 0 ? halfCentCase(random) : randomCase(random);
      const result = prorate({
        currency: 'USD',
        oldPrice: price,
        newPrice: '0',
        periodStartMs: start,
        periodEndMs: start + periodSeconds * 1000,
        changeAtMs: start + (periodSeconds - unused) * 1000,
      });
      const expected = oracleCents(price, unused, periodSeconds);
      if (cents(result.credit) !== expected)
        throw new Error(
          `case ${index}: ${price} × ${unused} ÷ ${periodSeconds} gave ${result.credit}, expected ${expected} cents`,
        );
    }
  });
});
