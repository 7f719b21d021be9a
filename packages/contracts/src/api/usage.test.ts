import { describe, expect, it } from 'vitest';
import { USAGE_EVENTS_BATCH_MAX, UsageEventBatchBody, UsageEventBody } from './usage.ts';

const CUSTOMER = '00000000-0000-4000-8000-000000000001';

describe('UsageEventBody', () => {
  it('accepts an event and defaults its properties', () => {
    expect(UsageEventBody.parse({ transactionId: 'tx-1', customer: CUSTOMER, code: 'api_calls' })).toEqual({
      transactionId: 'tx-1',
      customer: CUSTOMER,
      code: 'api_calls',
      properties: {},
    });
  });
  it('names each bad field', () => {
    const parsed = UsageEventBody.safeParse({
      transactionId: '',
      customer: 'x',
      code: 'API Calls',
      timestamp: 'yesterday',
      properties: { region: { nested: true } },
      extra: 1,
    });
    expect([...new Set(parsed.error?.issues.map((issue) => issue.path.join('.') || issue.code))].sort()).toEqual(
      ['code', 'customer', 'properties.region', 'timestamp', 'transactionId', 'unrecognized_keys'].sort(),
    );
  });
});

describe('UsageEventBatchBody', () => {
  it(`takes 1 to ${USAGE_EVENTS_BATCH_MAX} events`, () => {
    expect(UsageEventBatchBody.safeParse({ events: [] }).success).toBe(false);
    expect(UsageEventBatchBody.safeParse({ events: Array(USAGE_EVENTS_BATCH_MAX).fill({}) }).success).toBe(true);
    expect(UsageEventBatchBody.safeParse({ events: Array(USAGE_EVENTS_BATCH_MAX + 1).fill({}) }).success).toBe(false);
  });
});
