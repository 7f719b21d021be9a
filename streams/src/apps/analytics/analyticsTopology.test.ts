import { describe, expect, it } from 'vitest';
import { stringSerde, TopologyTestDriver } from '../../engine/index.ts';
import { ACCOUNT, envelopeFactory, ORG, OTHER_ORG, uuidSequence } from '../testIds.ts';
import { ANALYTICS_VIEWS, analyticsTopology } from './analyticsTopology.ts';

const OTHER_ACCOUNT = '00000000-0000-4000-8000-000000000002';
const UNKNOWN_ACCOUNT = '00000000-0000-4000-8000-000000000003';
const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-11-25T00:00:00.000Z');
const at = '2026-11-25T10:00:00.000Z';
const uuid = uuidSequence();
const envelope = envelopeFactory(uuid, at);

function setup() {
  const driver = new TopologyTestDriver(analyticsTopology(''), { appId: 'analytics' });
  const master = driver.createInputTopic('master-data', stringSerde, stringSerde);
  const transactions = driver.createInputTopic('transaction-events', stringSerde, stringSerde);
  const billing = driver.createInputTopic('billing-events', stringSerde, stringSerde);
  const payments = driver.createInputTopic('payment-events', stringSerde, stringSerde);
  for (const [id, org] of [
    [ACCOUNT, ORG],
    [OTHER_ACCOUNT, OTHER_ORG],
  ] as const) {
    master.pipeInput(
      `account:${id}`,
      JSON.stringify(
        envelope('BillingAccountUpserted', {
          id,
          organizationId: org,
          accountNumber: `ACC-${id.slice(-1)}`,
          currency: 'USD',
          status: 'active',
          creditLimit: '0',
          updatedAt: at,
        }),
      ),
    );
  }
  const transaction = (accountId: string, type: 'credit' | 'debit', amount: string, tsMs: number, ok = true) =>
    transactions.pipeInput(
      accountId,
      JSON.stringify(
        envelope(ok ? 'TransactionCompleted' : 'TransactionRejected', {
          transactionId: uuid(),
          accountId,
          type,
          amount,
          currency: 'USD',
          requestedAt: at,
          processedAt: at,
          balanceAfter: '0',
          ...(ok ? {} : { reason: 'insufficient_funds', message: 'no' }),
        }),
      ),
      tsMs,
    );
  const invoice = (id: string, overrides: object = {}) => ({
    id,
    organizationId: ORG,
    accountId: ACCOUNT,
    invoiceNumber: 'INV-2026-000001',
    currency: 'EUR',
    priceMode: 'tax_exclusive',
    status: 'open',
    subtotal: '100.00',
    discount: '0',
    tax: '21.00',
    total: '121.00',
    credited: '0',
    paid: '0',
    due: '121.00',
    issueDate: '2026-11-25',
    dueDate: '2026-12-25',
    memo: null,
    version: 1,
    updatedAt: at,
    ...overrides,
  });
  const bill = (type: string, data: object, tsMs: number) =>
    billing.pipeInput(ACCOUNT, JSON.stringify(envelope(type, data)), tsMs);
  const payment = (status: string, previousStatus: string | null, gateway: string | null, tsMs: number) =>
    payments.pipeInput(
      uuid(),
      JSON.stringify(
        envelope('PaymentIntentUpdated', {
          payment: { id: uuid(), organizationId: ORG, gateway, status, amount: '10.00', currency: 'USD' },
          previousStatus,
        }),
      ),
      tsMs,
    );
  return { driver, transaction, invoice, bill, payment, payments };
}

const windowKey = (org: string, second: string, startMs: number, sizeMs: number) =>
  JSON.stringify({ key: `${org}|${second}`, window: { startMs, endMs: startMs + sizeMs } });

describe('analytics topology', () => {
  it('counts transactions per organization, currency and minute, with credit and debit volume', () => {
    const { driver, transaction } = setup();
    transaction(ACCOUNT, 'credit', '100.10', T0 + 1_000);
    transaction(ACCOUNT, 'debit', '0.20', T0 + 59_999);
    transaction(ACCOUNT, 'debit', '5.00', T0 + 30_000, false);
    transaction(ACCOUNT, 'credit', '1.00', T0 + 60_000);
    transaction(OTHER_ACCOUNT, 'credit', '7.00', T0 + 2_000);
    transaction(UNKNOWN_ACCOUNT, 'credit', '9.00', T0 + 3_000);
    const view = driver.viewState(ANALYTICS_VIEWS.transactionsMinute);
    expect(view.get(windowKey(ORG, 'USD', T0, 60_000))).toEqual({
      organizationId: ORG,
      currency: 'USD',
      completed: 2,
      rejected: 1,
      credits: '100.1',
      debits: '0.2',
    });
    expect(view.get(windowKey(ORG, 'USD', T0 + 60_000, 60_000))).toMatchObject({ completed: 1, credits: '1' });
    expect(view.get(windowKey(OTHER_ORG, 'USD', T0, 60_000))).toMatchObject({ organizationId: OTHER_ORG });
    expect(view.size).toBe(3);
  });

  it('sums invoicing and collection per organization, currency and day', () => {
    const { driver, invoice, bill } = setup();
    const first = uuid();
    const second = uuid();
    bill('InvoiceDrafted', { invoice: invoice(first, { status: 'draft' }) }, T0 + 1);
    bill('InvoiceIssued', { invoice: invoice(first) }, T0 + 2);
    bill('InvoiceIssued', { invoice: invoice(second, { total: '10.50', due: '10.50' }) }, T0 + 3);
    const payment = { paymentId: uuid(), amount: '121.00' };
    bill('InvoicePaid', { ...payment, invoice: invoice(first, { status: 'paid', due: '0', version: 2 }) }, T0 + 4);
    bill('InvoiceOverdue', { invoice: invoice(second, { status: 'overdue', version: 2 }) }, T0 + DAY_MS + 5);
    const view = driver.viewState(ANALYTICS_VIEWS.revenueDaily);
    expect(view.get(windowKey(ORG, 'EUR', T0, DAY_MS))).toEqual({
      organizationId: ORG,
      currency: 'EUR',
      invoiced: '131.5',
      collected: '121',
      credited: '0',
      issued: 2,
      paid: 1,
      overdue: 0,
      voided: 0,
    });
    expect(view.get(windowKey(ORG, 'EUR', T0 + DAY_MS, DAY_MS))).toMatchObject({ overdue: 1, issued: 0 });
    expect(view.size).toBe(2);
  });

  it('keeps the newest snapshot of every invoice for aging', () => {
    const { driver, invoice, bill } = setup();
    const id = uuid();
    bill('InvoiceIssued', { invoice: invoice(id) }, T0);
    bill(
      'InvoicePartiallyPaid',
      {
        paymentId: uuid(),
        amount: '21.00',
        invoice: invoice(id, { status: 'partially_paid', due: '100.00', version: 2 }),
      },
      T0 + 1,
    );
    expect(driver.viewState(ANALYTICS_VIEWS.receivables).get(JSON.stringify(id))).toMatchObject({
      status: 'partially_paid',
      due: '100.00',
      dueDate: '2026-12-25',
      version: 2,
    });
  });

  it('counts payment outcomes per gateway and hour, once per transition', () => {
    const { driver, payment, payments } = setup();
    payment('processing', 'requires_confirmation', 'card', T0 + 1);
    payment('succeeded', 'processing', 'card', T0 + 2);
    payment('succeeded', 'succeeded', 'card', T0 + 3);
    payment('failed', 'processing', 'card', T0 + 4);
    payment('failed', 'processing', null, T0 + 5);
    payment('succeeded', 'processing', 'bank', T0 + 3_600_000);
    payments.pipeInput(uuid(), JSON.stringify(envelope('RefundUpdated', { refund: {} })), T0 + 6);
    const view = driver.viewState(ANALYTICS_VIEWS.paymentsHourly);
    expect(view.get(windowKey(ORG, 'card', T0, 3_600_000))).toEqual({
      organizationId: ORG,
      gateway: 'card',
      succeeded: 1,
      failed: 1,
    });
    expect(view.get(windowKey(ORG, 'none', T0, 3_600_000))).toMatchObject({ failed: 1, succeeded: 0 });
    expect(view.get(windowKey(ORG, 'bank', T0 + 3_600_000, 3_600_000))).toMatchObject({ succeeded: 1 });
    expect(view.size).toBe(3);
  });

  it('restores its windows from the changelog after a crash and goes on counting', () => {
    const { driver, transaction } = setup();
    transaction(ACCOUNT, 'credit', '1.00', T0 + 1);
    driver.crashAndRestore();
    transaction(ACCOUNT, 'credit', '2.00', T0 + 2);
    expect(driver.viewState(ANALYTICS_VIEWS.transactionsMinute).get(windowKey(ORG, 'USD', T0, 60_000))).toMatchObject({
      completed: 2,
      credits: '3',
    });
  });
});
