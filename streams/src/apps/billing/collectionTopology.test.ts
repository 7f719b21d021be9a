import { BillingEvent, LedgerCommand, PaymentCommand, SubscriptionCommand } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { stringSerde, TopologyTestDriver, zodSerde } from '../../engine/index.ts';
import { BILLING_VIEWS, billingTopology } from './billingTopology.ts';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const ACCOUNT = '00000000-0000-4000-8000-000000000001';
const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000d1';
const DAY_MS = 86_400_000;
const START_MS = Date.parse('2026-12-01T09:00:00.000Z');
let counter = 0;
const uuid = () => `00000000-0000-4000-a000-${String(++counter).padStart(12, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();
const wire = (type: string, data: object) =>
  JSON.stringify({ eventId: uuid(), occurredAt: iso(START_MS), source: 'test', type, version: 1, data });

/** The billing topology with one account on a test clock, optionally with a default card. */
function collecting(withCard: boolean) {
  const driver = new TopologyTestDriver(billingTopology(''), { appId: 'billing', initialWallClockMs: START_MS });
  const master = driver.createInputTopic('master-data', stringSerde, stringSerde);
  const commands = driver.createInputTopic('billing-commands', stringSerde, stringSerde);
  const outputs = {
    events: driver.createOutputTopic('billing-events', stringSerde, zodSerde(BillingEvent)),
    payments: driver.createOutputTopic('payment-commands', stringSerde, zodSerde(PaymentCommand)),
    ledger: driver.createOutputTopic('transaction-commands', stringSerde, zodSerde(LedgerCommand)),
    subscriptions: driver.createOutputTopic('subscription-commands', stringSerde, zodSerde(SubscriptionCommand)),
  };
  const account = { id: ACCOUNT, organizationId: ORG, accountNumber: 'A-1', currency: 'USD', status: 'active' };
  const updatedAt = iso(START_MS);
  master.pipeInput(`account:${ACCOUNT}`, wire('BillingAccountUpserted', { ...account, creditLimit: '0', updatedAt }));
  const card = {
    id: uuid(),
    type: 'card',
    token: 'tok_card_declined_00112233445566778899',
    brand: 'visa',
    last4: '0002',
  };
  const method = withCard ? card : null;
  const published = { accountId: ACCOUNT, organizationId: ORG, method, updatedAt };
  master.pipeInput(`payment_method:${ACCOUNT}`, wire('DefaultPaymentMethodSet', published));
  const send = (type: string, data: object) =>
    commands.pipeInput(ORG, wire(type, { organizationId: ORG, requestedAt: iso(START_MS), ...data }));
  const clock = (days: number) => send('TestClockAdvanced', { nowAt: iso(START_MS + days * DAY_MS) });
  clock(0);
  const invoice = (collection: 'automatic' | 'manual', extra: object = {}) => {
    const invoiceId = uuid();
    const line = { description: 'Pro plan', quantity: '1', unitPrice: '20.00', taxCategory: 'zero' };
    const body = { invoiceId, accountId: ACCOUNT, currency: 'USD', priceMode: 'tax_exclusive', lines: [line] };
    send('CreateInvoice', { ...body, discounts: [], draft: false, collection, ...extra });
    return invoiceId;
  };
  const read = <T>(topic: { readKeyValuesToList(): { value: T | null }[] }) =>
    topic.readKeyValuesToList().map((entry) => entry.value as T);
  const row = (id: string) =>
    driver.viewState(BILLING_VIEWS.invoices).get(JSON.stringify(id)) as Record<string, unknown>;
  return { driver, send, clock, invoice, outputs, read, row };
}

describe('automatic collection (test driver)', () => {
  it('charges the default card at issue, once; after a crash and restore, the restored state charges nothing more', () => {
    const t = collecting(true);
    const id = t.invoice('automatic', { subscriptionId: SUBSCRIPTION });
    const charges = t.read(t.outputs.payments);
    expect(charges.map((command) => command.type)).toEqual(['CreatePaymentIntent', 'ConfirmPaymentIntent']);
    expect(charges[0]).toMatchObject({
      data: { invoiceId: id, amount: '20.00', captureMethod: 'automatic', paymentMethod: { last4: '0002' } },
    });
    expect(t.row(id)).toMatchObject({ status: 'open', collection: 'automatic', paymentAttempts: 1 });
    t.driver.crashAndRestore();
    t.clock(0.5);
    expect(t.read(t.outputs.payments)).toEqual([]);
  });

  it('retries a declined charge on days 1, 3, 5 and 7 of the test clock, then writes the invoice off and pauses the subscription', () => {
    const t = collecting(true);
    const id = t.invoice('automatic', { subscriptionId: SUBSCRIPTION });
    t.read(t.outputs.events);
    const decline = () => {
      const [create] = t.read(t.outputs.payments);
      if (!create) throw new Error('no charge was made');
      const failure = { invoiceId: id, paymentId: create.data.paymentId, code: 'card_declined', message: 'declined' };
      t.send('RecordInvoicePaymentFailure', failure);
    };
    decline();
    expect(t.row(id)).toMatchObject({
      lastPaymentError: 'card_declined',
      nextPaymentAttemptAt: iso(START_MS + DAY_MS),
    });
    for (const day of [1, 3, 5, 7]) {
      t.clock(day - 0.5);
      expect(t.read(t.outputs.payments)).toEqual([]);
      t.clock(day);
      decline();
    }
    expect(t.row(id)).toMatchObject({ status: 'uncollectible', paymentAttempts: 5, nextPaymentAttemptAt: null });
    const events = t.read(t.outputs.events);
    expect(events.filter((event) => event.type === 'InvoicePaymentFailed')).toHaveLength(5);
    expect(events.map((event) => event.type).slice(-2)).toEqual(['InvoiceUncollectible', 'InvoiceCollectionFailed']);
    expect(t.read(t.outputs.subscriptions)).toMatchObject([
      { type: 'PauseSubscription', data: { subscriptionId: SUBSCRIPTION } },
    ]);
    t.clock(30);
    expect(t.read(t.outputs.payments)).toEqual([]);
  });

  it('an account without a default method fails as a value and retries on the schedule', () => {
    const t = collecting(false);
    const id = t.invoice('automatic');
    expect(t.read(t.outputs.payments)).toEqual([]);
    expect(t.row(id)).toMatchObject({ status: 'open', paymentAttempts: 1, lastPaymentError: 'no_payment_method' });
    t.clock(1);
    expect(t.row(id)).toMatchObject({ paymentAttempts: 2, nextPaymentAttemptAt: iso(START_MS + 3 * DAY_MS) });
  });

  it('INVOICE_PAYMENT_LEDGER_RULE: manual and card payments post the same credit; a refused manual record posts nothing', () => {
    const t = collecting(false);
    const manual = t.invoice('manual');
    const card = t.invoice('manual');
    const [manualId, cardId, refusedId] = [uuid(), uuid(), uuid()];
    t.send('ApplyInvoicePayment', { invoiceId: manual, paymentId: manualId, amount: '20.00', method: 'manual' });
    t.send('ApplyInvoicePayment', { invoiceId: card, paymentId: cardId, amount: '20.00', method: 'card' });
    t.send('ApplyInvoicePayment', { invoiceId: manual, paymentId: refusedId, amount: '5.00', method: 'manual' });
    const posted = t.read(t.outputs.ledger).map((command) => command.type === 'TransactionRequested' && command.data);
    expect(posted).toMatchObject([
      { transactionId: manualId, accountId: ACCOUNT, type: 'credit', amount: '20.00', reference: manual },
      { transactionId: cardId, accountId: ACCOUNT, type: 'credit', amount: '20.00', reference: card },
    ]);
    expect(t.row(manual)).toMatchObject({ status: 'paid' });
  });
});
