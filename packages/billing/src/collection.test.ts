import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTION_RETRY_DAYS, isCollectible, nextCollectionAttemptMs } from './collection.ts';

const DAY_MS = 86_400_000;
const ISSUED = Date.parse('2026-12-01T10:30:00Z');

describe('COLLECTION_RETRY_SCHEDULE', () => {
  it('retries the default schedule 1, 3, 5 and 7 days after the first charge, then stops', () => {
    const at = [1, 2, 3, 4, 5].map((failed) => nextCollectionAttemptMs(ISSUED, failed, DEFAULT_COLLECTION_RETRY_DAYS));
    expect(at).toEqual([ISSUED + DAY_MS, ISSUED + 3 * DAY_MS, ISSUED + 5 * DAY_MS, ISSUED + 7 * DAY_MS, null]);
  });

  it('counts from the first attempt, so a retry is never later than its day', () => {
    expect(new Date(nextCollectionAttemptMs(ISSUED, 2, [2, 10]) ?? 0).toISOString()).toBe('2026-12-11T10:30:00.000Z');
  });

  it('an empty schedule means the first failure is final', () => {
    expect(nextCollectionAttemptMs(ISSUED, 1, [])).toBeNull();
  });

  it('refuses a schedule that is not strictly increasing or a count below one', () => {
    expect(() => nextCollectionAttemptMs(ISSUED, 1, [3, 3])).toThrow();
    expect(() => nextCollectionAttemptMs(ISSUED, 1, [0])).toThrow();
    expect(() => nextCollectionAttemptMs(ISSUED, 0, [1])).toThrow();
  });
});

describe('isCollectible', () => {
  it('charges open, partially paid and overdue invoices with money due', () => {
    expect(isCollectible({ status: 'open', due: '10.00' })).toBe(true);
    expect(isCollectible({ status: 'overdue', due: '0.01' })).toBe(true);
    expect(isCollectible({ status: 'partially_paid', due: '3' })).toBe(true);
  });

  it('never charges a settled, void, uncollectible or draft invoice, or nothing', () => {
    for (const status of ['paid', 'void', 'uncollectible', 'draft'] as const)
      expect(isCollectible({ status, due: '10.00' })).toBe(false);
    expect(isCollectible({ status: 'open', due: '0.00' })).toBe(false);
  });
});
