import { describe, expect, it } from 'vitest';
import { LIVE_TTL_SECONDS, transactionsMinuteView } from './analyticsViews.ts';

const ORG = '00000000-0000-4000-8000-0000000000aa';

describe('analytics Redis views', () => {
  it('writes a minute window to the hash the dashboard reads, with a TTL', () => {
    const row = {
      key: { key: `${ORG}|USD`, window: { startMs: 120_000, endMs: 180_000 } },
      value: { organizationId: ORG, currency: 'USD', completed: 2, rejected: 1, credits: '10.5', debits: '0' },
      timestampMs: 130_000,
      source: null,
      partition: 0,
      offset: 7n,
    };
    expect(transactionsMinuteView.redis!.toHash(row)).toEqual({
      key: `bs:analytics:tx:${ORG}:120000:USD`,
      fields: { completed: '2', rejected: '1', credits: '10.5', debits: '0' },
    });
    expect(transactionsMinuteView.redis!.ttlSeconds).toBe(LIVE_TTL_SECONDS.tx);
    expect(transactionsMinuteView.redis!.toHash({ ...row, value: null }).fields).toBeNull();
  });
});
