import { TransactionRequested } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { buildTransactionRequested, EVENT_SOURCE } from './buildTransactionRequested';

const TX = '00000000-0000-4000-8009-000000000001';
const ACCOUNT = '00000000-0000-4000-8007-000000000001';
const at = new Date('2026-01-02T03:04:05.678Z');

describe('buildTransactionRequested', () => {
  it('builds a schema-valid envelope carrying the chosen transaction id', () => {
    const event = buildTransactionRequested(
      TX,
      { accountId: ACCOUNT, type: 'credit', amount: '1.00', currency: 'USD', description: 'coffee' },
      at,
    );
    expect(TransactionRequested.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: 'TransactionRequested',
      version: 1,
      source: EVENT_SOURCE,
      occurredAt: at.toISOString(),
      data: {
        transactionId: TX,
        accountId: ACCOUNT,
        type: 'credit',
        amount: '1.00',
        currency: 'USD',
        description: 'coffee',
      },
    });
  });

  it('drops empty optional strings instead of sending ""', () => {
    const event = buildTransactionRequested(
      TX,
      { accountId: ACCOUNT, type: 'debit', amount: '1', currency: 'USD', description: '', reference: '' },
      at,
    );
    expect(event.data).not.toHaveProperty('description');
    expect(event.data).not.toHaveProperty('reference');
  });

  it('refuses to build an envelope the ledger could not parse', () => {
    expect(() =>
      buildTransactionRequested('not-a-uuid', { accountId: ACCOUNT, type: 'credit', amount: '1', currency: 'USD' }, at),
    ).toThrow();
  });
});
