import {
  BillingCommand,
  GatewayRequest,
  LedgerCommand,
  PaymentEvent,
  type PaymentMethodRef,
} from '@billstream/contracts';
import {
  BankSandboxGateway,
  CardSandboxGateway,
  type GatewayAdapter,
  perform,
  type ScheduledWebhook,
  tokenizeCard,
} from '@billstream/payments';
import { describe, expect, it } from 'vitest';
import { stringSerde, zodSerde } from '../../engine/index.ts';
import { ACCOUNT, appDriver, envelopeFactory, ORG, uuidSequence } from '../testIds.ts';
import { resultEvent } from './gatewayWorker.ts';
import { PAYMENTS_VIEWS, paymentsTopology } from './paymentsTopology.ts';

const INVOICE = '00000000-0000-4000-8000-000000000002';
const METHOD = '00000000-0000-4000-8000-000000000009';
const AT = '2026-11-25T10:00:00.000Z';
const NOW = new Date(AT);
const uuid = uuidSequence();

const values = <V>(topic: { readKeyValuesToList(): Array<{ value: V | null }> }): V[] =>
  topic.readKeyValuesToList().map((entry) => entry.value as V);

const envelope = envelopeFactory(uuid, AT);

function card(number: string): PaymentMethodRef {
  const result = tokenizeCard({ type: 'card', number, expMonth: 12, expYear: 2030, cvc: '123' }, 'ab'.repeat(8), NOW);
  if (!result.ok) throw new Error(result.reason);
  return {
    id: METHOD,
    type: 'card',
    token: result.method.token,
    brand: result.method.brand,
    last4: result.method.last4,
  };
}

function setup() {
  const driver = appDriver(paymentsTopology(''), 'payments');
  const commands = driver.createInputTopic('payment-commands', stringSerde, stringSerde);
  const answers = driver.createInputTopic('payment-events', stringSerde, stringSerde);
  const events = driver.createOutputTopic('payment-events', stringSerde, zodSerde(PaymentEvent));
  const requests = driver.createOutputTopic('payment-gateway-requests', stringSerde, zodSerde(GatewayRequest));
  const ledger = driver.createOutputTopic('transaction-commands', stringSerde, zodSerde(LedgerCommand));
  const billing = driver.createOutputTopic('billing-commands', stringSerde, zodSerde(BillingCommand));
  const webhooks: ScheduledWebhook[] = [];
  const clock = { sleep: async () => undefined };
  const gateways: Record<string, GatewayAdapter> = {
    card: new CardSandboxGateway({ name: 'card', webhookSecret: 'x'.repeat(32), clock }),
    card_backup: new CardSandboxGateway({ name: 'card_backup', webhookSecret: 'x'.repeat(32), clock }),
    bank: new BankSandboxGateway({
      webhookSecret: 'x'.repeat(32),
      scheduleWebhook: (w) => void webhooks.push(w),
      clock,
    }),
  };
  const send = (paymentId: string, type: string, data: object) =>
    commands.pipeInput(
      paymentId,
      JSON.stringify(envelope(type, { paymentId, organizationId: ORG, requestedAt: AT, ...data })),
    );
  /** The gateway worker's job, done by hand: answer every request the processor emitted. */
  const runGateways = async () => {
    for (let round = 0; round < 5; round += 1) {
      const pending = values(requests);
      if (pending.length === 0) return;
      for (const request of pending) {
        const answer = await perform(gateways[request.gateway]!, request);
        answers.pipeInput(request.paymentId, JSON.stringify(resultEvent(request, answer, NOW)));
      }
    }
  };
  const payment = (id: string) =>
    driver.viewState(PAYMENTS_VIEWS.payments).get(JSON.stringify(id)) as Record<string, unknown>;
  return { driver, send, runGateways, payment, events, requests, ledger, billing, answers, webhooks };
}

const create = (method: PaymentMethodRef | null, extra: object = {}) => ({
  accountId: ACCOUNT,
  invoiceId: INVOICE,
  amount: '120.00',
  currency: 'USD',
  captureMethod: 'automatic',
  paymentMethod: method,
  ...extra,
});

describe('payments topology (test driver)', () => {
  it('pays an invoice with the sandbox card: succeeded, invoice payment produced once (billing posts the ledger)', async () => {
    const t = setup();
    const id = uuid();
    t.send(id, 'CreatePaymentIntent', create(card('4242424242424242')));
    t.send(id, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({ status: 'succeeded', amountCaptured: '120.00', gateway: 'card' });
    // INVOICE_PAYMENT_LEDGER_RULE: billing credits the ledger when it applies the payment, as for a manual one.
    expect(t.ledger.readKeyValuesToList()).toEqual([]);
    const invoice = t.billing.readKeyValuesToList();
    expect(invoice).toMatchObject([
      {
        key: ORG,
        value: { type: 'ApplyInvoicePayment', data: { invoiceId: INVOICE, paymentId: id, amount: '120.00' } },
      },
    ]);
    const statuses = values(t.events).flatMap((e) =>
      e.type === 'PaymentIntentUpdated' ? [e.data.payment.status] : [],
    );
    expect(statuses).toEqual(['requires_confirmation', 'processing', 'processing', 'succeeded']);
    expect(t.driver.viewState(PAYMENTS_VIEWS.history).size).toBe(4);
    expect(t.driver.viewState(PAYMENTS_VIEWS.attempts).size).toBe(2);
  });

  it('a declined card fails with its reason; no ledger command, billing hears of the failure', async () => {
    const t = setup();
    const id = uuid();
    t.send(id, 'CreatePaymentIntent', create(card('4000000000000002')));
    t.send(id, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({
      status: 'failed',
      failureCode: 'card_declined',
      failureMessage: 'The card was declined',
    });
    expect(values(t.ledger)).toEqual([]);
    expect(values(t.billing)).toMatchObject([
      { type: 'RecordInvoicePaymentFailure', data: { invoiceId: INVOICE, paymentId: id, code: 'card_declined' } },
    ]);
  });

  it('the timeout card falls back from card to card_backup and succeeds there', async () => {
    const t = setup();
    const id = uuid();
    t.send(id, 'CreatePaymentIntent', create(card('4000000000000119'), { invoiceId: null }));
    t.send(id, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({ status: 'succeeded', gateway: 'card_backup' });
    const attempts = [...t.driver.viewState(PAYMENTS_VIEWS.attempts).values()] as {
      gateway: string;
      outcome: string;
    }[];
    expect(attempts.map((a) => `${a.gateway}:${a.outcome}`)).toEqual([
      'card:error',
      'card_backup:succeeded',
      'card_backup:succeeded',
    ]);
  });

  it('partial refunds up to the captured amount reverse the invoice payment; a redelivered answer is ignored', async () => {
    const t = setup();
    const id = uuid();
    t.send(id, 'CreatePaymentIntent', create(card('4242424242424242')));
    t.send(id, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    values(t.ledger);
    values(t.billing);
    const refund = uuid();
    t.send(id, 'CreateRefund', { refundId: refund, amount: '20.00', reason: 'damaged' });
    const [request] = values(t.requests);
    const answer = resultEvent(
      request!,
      await perform(
        new CardSandboxGateway({
          name: 'card',
          webhookSecret: 'x'.repeat(32),
          clock: { sleep: async () => undefined },
        }),
        request!,
      ),
      NOW,
    );
    t.answers.pipeInput(id, JSON.stringify(answer));
    t.answers.pipeInput(id, JSON.stringify(answer));
    expect(t.driver.viewState(PAYMENTS_VIEWS.refunds).get(JSON.stringify(refund))).toMatchObject({
      status: 'succeeded',
      amount: '20.00',
    });
    expect(t.payment(id)).toMatchObject({ status: 'succeeded', amountRefunded: '20.00' });
    // The refund's ledger debit comes from billing, which applies the negative payment to the invoice.
    expect(values(t.ledger)).toEqual([]);
    expect(values(t.billing).map((c) => c.type === 'ApplyInvoicePayment' && [c.data.amount, c.data.paymentId])).toEqual(
      [['-20.00', refund]],
    );
    const tooMuch = uuid();
    t.send(id, 'CreateRefund', { refundId: tooMuch, amount: '100.01', reason: null });
    const rejected = values(t.events).filter((e) => e.type === 'PaymentCommandRejected');
    expect(rejected).toMatchObject([{ data: { refundId: tooMuch, reason: 'amount_exceeds_refundable' } }]);
    expect(t.driver.viewState(PAYMENTS_VIEWS.rejections).get(JSON.stringify(tooMuch))).toMatchObject({
      reason: 'amount_exceeds_refundable',
    });
  });

  it('bank transfer settles by webhook; the duplicate webhook and a crash in between change nothing', async () => {
    const t = setup();
    const id = uuid();
    const bank: PaymentMethodRef = {
      id: METHOD,
      type: 'bank_transfer',
      token: `tok_bank_settle_${'cd'.repeat(8)}`,
      brand: 'bank_transfer',
      last4: '3000',
    };
    t.send(id, 'CreatePaymentIntent', create(bank, { currency: 'EUR' }));
    t.send(id, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({ status: 'processing', gateway: 'bank' });
    t.driver.crashAndRestore();
    const scheduled = t.webhooks[0]!;
    const webhook = envelope('GatewayWebhookReceived', {
      webhookEventId: scheduled.payload.id,
      gateway: 'bank',
      kind: scheduled.payload.type,
      paymentId: id,
      gatewayReference: scheduled.payload.data.reference,
      code: null,
    });
    t.answers.pipeInput(id, JSON.stringify(webhook));
    t.answers.pipeInput(id, JSON.stringify({ ...webhook, eventId: uuid() }));
    expect(t.payment(id)).toMatchObject({ status: 'succeeded', amountCaptured: '120.00' });
    expect(values(t.billing)).toHaveLength(1);
  });

  it('manual capture of part of an authorization, and cancel of another', async () => {
    const t = setup();
    const id = uuid();
    t.send(id, 'CreatePaymentIntent', create(card('4242424242424242'), { captureMethod: 'manual', invoiceId: null }));
    t.send(id, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({ status: 'requires_capture', amountCapturable: '120.00' });
    t.send(id, 'CapturePaymentIntent', { amount: '50.00' });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({ status: 'succeeded', amountCaptured: '50.00' });
    const other = uuid();
    t.send(
      other,
      'CreatePaymentIntent',
      create(card('4242424242424242'), { captureMethod: 'manual', invoiceId: null }),
    );
    t.send(other, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    t.send(other, 'CancelPaymentIntent', { reason: 'changed mind' });
    expect(values(t.requests)).toMatchObject([{ operation: 'void', paymentId: other }]);
    expect(t.payment(other)).toMatchObject({ status: 'canceled' });
  });

  it('dead-letters a command that violates the contract and goes on', () => {
    const t = setup();
    const id = uuid();
    t.send(id, 'CreatePaymentIntent', create(null, { amount: '12.345' }));
    expect(t.driver.deadLetters().length).toBe(1);
    t.send(id, 'CreatePaymentIntent', create(null));
    expect(t.payment(id)).toMatchObject({ status: 'requires_payment_method' });
  });

  it('pays, refunds in full and over-refunds the largest amount without throwing; the next payment still succeeds', async () => {
    const t = setup();
    const MAX = '999999999999999.99';
    const id = uuid();
    t.send(id, 'CreatePaymentIntent', create(card('4242424242424242'), { amount: MAX, invoiceId: null }));
    t.send(id, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({ status: 'succeeded', amountCaptured: MAX });
    t.send(id, 'CreateRefund', { refundId: uuid(), amount: MAX, reason: 'all of it' });
    t.send(id, 'CreateRefund', { refundId: uuid(), amount: MAX, reason: 'once more' });
    await t.runGateways();
    expect(t.payment(id)).toMatchObject({ amountRefunded: MAX });
    const next = uuid();
    t.send(next, 'CreatePaymentIntent', create(card('4242424242424242'), { invoiceId: null }));
    t.send(next, 'ConfirmPaymentIntent', { paymentMethod: null });
    await t.runGateways();
    expect(t.payment(next)).toMatchObject({ status: 'succeeded', amountCaptured: '120.00' });
    const ledger = values(t.ledger).map(
      (command) => command.type === 'TransactionRequested' && [command.data.type, command.data.amount],
    );
    expect(ledger).toEqual([
      ['credit', MAX],
      ['debit', MAX],
      ['credit', '120.00'],
    ]);
    expect(t.driver.deadLetters()).toEqual([]);
  });
});
