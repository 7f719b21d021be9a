import { describe, expect, it } from 'vitest';
import { commandSubject } from './commandFailure.ts';

describe('commandSubject', () => {
  it('names the id a client polls, preferring a refund over its payment', () => {
    const refund = { type: 'RefundPayment', data: { paymentId: 'p1', refundId: 'r1', organizationId: 'o1' } };
    expect(commandSubject(JSON.stringify(refund))).toEqual({
      id: 'r1',
      organizationId: 'o1',
      commandType: 'RefundPayment',
    });
    const credit = { type: 'TransactionRequested', data: { transactionId: 't1', accountId: 'a1' } };
    expect(commandSubject(JSON.stringify(credit))).toEqual({
      id: 't1',
      organizationId: null,
      commandType: 'TransactionRequested',
    });
  });

  it('answers null for records that name no subject, without throwing', () => {
    for (const value of [null, '{oops', '42', '[]', '{"data":null}', '{"data":{"transactionId":7}}'])
      expect(commandSubject(value)).toBeNull();
  });
});
