import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeUsageEvent } from './usageEvents.ts';

const message = (value: string | null, offset = '7') =>
  ({ value: value === null ? null : Buffer.from(value), offset }) as KafkaMessage;
const DATA = {
  organizationId: '00000000-0000-4000-8000-00000000000a',
  transactionId: 'tx-1',
  accountId: '00000000-0000-4000-8000-0000000000c1',
  code: 'api_calls',
  timestamp: '2026-12-01T10:00:00.250+01:00',
  properties: { region: 'eu' },
};
const envelope = (data: object) =>
  JSON.stringify({
    eventId: '00000000-0000-4000-8000-000000000001',
    occurredAt: '2026-12-01T10:00:00Z',
    source: 'test',
    type: 'UsageEventReceived',
    version: 1,
    data,
  });

describe('decodeUsageEvent', () => {
  it('turns a usage event into its ClickHouse row, time in UTC, source offset beside it', () => {
    expect(decodeUsageEvent(message(envelope(DATA)), 3)).toEqual({
      ok: true,
      row: {
        organization_id: DATA.organizationId,
        transaction_id: 'tx-1',
        account_id: DATA.accountId,
        code: 'api_calls',
        timestamp: '2026-12-01 09:00:00.250',
        properties: { region: 'eu' },
        source_partition: 3,
        source_offset: '7',
      },
    });
  });

  it.each([
    [null, 'not JSON'],
    ['{oops', 'not JSON'],
    [envelope({ ...DATA, organizationId: 'nope' }), 'not a usage event: data.organizationId'],
    [JSON.stringify({ type: 'Other' }), 'not a usage event'],
  ])('dead-letters %s with its reason', (value, reason) => {
    const decoded = decodeUsageEvent(message(value), 0);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason.startsWith(reason)).toBe(true);
  });
});
