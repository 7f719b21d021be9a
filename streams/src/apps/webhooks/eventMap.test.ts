import { describe, expect, it } from 'vitest';
import { type DomainEvent, webhookEventsOf } from './eventMap.ts';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const PAYMENT = '00000000-0000-4000-8000-000000000011';
const meta = {
  eventId: '00000000-0000-4000-9000-000000000001',
  occurredAt: '2026-12-06T20:00:00.000Z',
  source: 'test',
  version: 1,
};

function paymentUpdate(status: string, previousStatus: string | null): DomainEvent {
  return {
    ...meta,
    type: 'PaymentIntentUpdated',
    data: { payment: { id: PAYMENT, organizationId: ORG, status } as never, previousStatus: previousStatus as never },
  } as DomainEvent;
}

describe('webhook event map', () => {
  it('maps a payment update to succeeded or failed only when it reaches that status', () => {
    expect(webhookEventsOf(paymentUpdate('succeeded', 'processing')).map((row) => row.type)).toEqual([
      'payment.succeeded',
    ]);
    expect(webhookEventsOf(paymentUpdate('failed', 'processing')).map((row) => row.type)).toEqual(['payment.failed']);
    expect(webhookEventsOf(paymentUpdate('succeeded', 'succeeded'))).toEqual([]);
    expect(webhookEventsOf(paymentUpdate('processing', null))).toEqual([]);
  });

  it('keys a row by the domain event id and orders it by its object', () => {
    const invoice = { id: '00000000-0000-4000-8000-000000000022', organizationId: ORG, status: 'paid' };
    const [row] = webhookEventsOf({ ...meta, type: 'InvoicePaid', data: { invoice } } as unknown as DomainEvent);
    expect(row).toMatchObject({ id: meta.eventId, type: 'invoice.paid', objectId: invoice.id, organizationId: ORG });
  });

  it('orders a refund with its payment and maps events without a webhook to nothing', () => {
    const refund = {
      id: '00000000-0000-4000-8000-000000000033',
      paymentId: PAYMENT,
      organizationId: ORG,
      status: 'succeeded',
    };
    const [row] = webhookEventsOf({ ...meta, type: 'RefundUpdated', data: { refund } } as unknown as DomainEvent);
    expect(row).toMatchObject({ type: 'payment.refunded', objectId: PAYMENT, object: { refundId: refund.id } });
    expect(webhookEventsOf({ ...meta, type: 'CategoryUpserted', data: {} } as unknown as DomainEvent)).toEqual([]);
  });

  it('maps customer-events to customer.created and customer.updated, ordered by the account', () => {
    const account = { accountId: '00000000-0000-4000-8000-000000000044', organizationId: ORG, status: 'frozen' };
    const created = webhookEventsOf({ ...meta, type: 'CustomerCreated', data: account } as unknown as DomainEvent);
    const updated = webhookEventsOf({
      ...meta,
      type: 'CustomerUpdated',
      data: { ...account, changedFields: ['status'] },
    } as unknown as DomainEvent);
    expect(created).toMatchObject([{ type: 'customer.created', objectId: account.accountId, organizationId: ORG }]);
    expect(updated).toMatchObject([
      { type: 'customer.updated', objectId: account.accountId, object: { status: 'frozen' } },
    ]);
  });
});
