import { describe, expect, it } from 'vitest';
import { PERIOD_INDEX_MAX, periodStartMs, trialEndMs } from './periods.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (value: string) => Date.parse(value);

describe('PERIOD_RULE', () => {
  it('counts months from the anchor, clamping to the month end without drifting', () => {
    const anchor = at('2026-01-31T09:30:00.000Z');
    expect([0, 1, 2, 3, 13].map((k) => iso(periodStartMs(anchor, 'month', k)))).toEqual([
      '2026-01-31T09:30:00.000Z',
      '2026-02-28T09:30:00.000Z',
      '2026-03-31T09:30:00.000Z',
      '2026-04-30T09:30:00.000Z',
      '2027-02-28T09:30:00.000Z',
    ]);
  });

  it('counts years, with 29 February clamped in common years', () => {
    const anchor = at('2028-02-29T00:00:00.000Z');
    expect([1, 4].map((k) => iso(periodStartMs(anchor, 'year', k)))).toEqual([
      '2029-02-28T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
    ]);
  });

  it('crosses year ends and refuses indexes outside the bound', () => {
    expect(iso(periodStartMs(at('2026-11-25T10:00:00.000Z'), 'month', 2))).toBe('2027-01-25T10:00:00.000Z');
    expect(() => periodStartMs(0, 'month', -1)).toThrow();
    expect(() => periodStartMs(0, 'month', PERIOD_INDEX_MAX + 1)).toThrow();
  });

  it('a trial ends whole days after the start; no trial days, no trial', () => {
    expect(iso(trialEndMs(at('2026-11-25T10:00:00.000Z'), 14)!)).toBe('2026-12-09T10:00:00.000Z');
    expect(trialEndMs(0, 0)).toBeNull();
  });
});
