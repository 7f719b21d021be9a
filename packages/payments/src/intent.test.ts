import type { GatewayResultReceived, PaymentCommand, PaymentMethodRef } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { decideCommand } from './intent.ts';
import type { Decision, PaymentEffect, PaymentState } from './intentState.ts';
import { decideResult, decideWebhook } from './results.ts';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const ACCOUNT = '00000000-0000-4000-8000-000000000001';
const INVOICE = '00000000-0000-4000-8000-000000000002';
const PAYMENT = '00000000-0000-4000-8000-000000000003';
const REFUND_1 = '00000000-0000-4000-8000-000000000004';
const REFUND_2 = '00000000-0000-4000-8000-000000000005';
const AT = '2026-11-25T12:00:00.000Z';
const CARD: PaymentMethodRef = {
  id: '00000000-0000-4000-8000-000000000009',
  type: 'card',
  token: 'tok_card_success_abababababababab',
  brand: 'visa',
  last4: '4242',
};
const meta = { eventId: '00000000-0000-4000-8000-0000000000ff', occurredAt: AT, source: 'test', version: 1 as const };

function command(type: PaymentCommand['type'], data: Record<string, unknown>): PaymentCommand {
  return {
    ...meta,
    type,
    data: { paymentId: PAYMENT, organizationId: ORG, requestedAt: AT, ...data },
  } as PaymentCommand;
}

function createCommand(overrides: Record<string, unknown> = {}) {
  return command('CreatePaymentIntent', {
    accountId: ACCOUNT,
    invoiceId: INVOICE,
    amount: '100.00',
    currency: 'USD',
    captureMethod: 'automatic',
    paymentMethod: CARD,
    ...overrides,
  });
}

function answer(
  request: Extract<PaymentEffect, { kind: 'gateway' }>['request'],
  outcome: GatewayResultReceived['data']['outcome'],
  extra: Partial<GatewayResultReceived['data']> = {},
) {
  return {
    requestId: request.requestId,
    paymentId: request.paymentId,
    refundId: request.refundId,
    gateway: request.gateway,
    operation: request.operation,
    attempt: request.attempt,
    outcome,
    retryable: false,
    code: null,
    message: null,
    gatewayReference: request.gatewayReference ?? `${request.gateway}_ch_1`,
    ...extra,
  };
}

/** Runs a decision chain: keeps the state, collects effects. */
class Run {
  state: PaymentState | null = null;
  effects: PaymentEffect[] = [];
  apply(decision: Decision): Decision {
    if (decision.state) this.state = decision.state;
    this.effects.push(...decision.effects);
    return decision;
  }
  command(cmd: PaymentCommand) {
    return this.apply(decideCommand(this.state, cmd));
  }
  lastRequest() {
    const found = this.effects.filter((e) => e.kind === 'gateway').at(-1);
    if (!found || found.kind !== 'gateway') throw new Error('no gateway request');
    return found.request;
  }
  result(outcome: GatewayResultReceived['data']['outcome'], extra: Partial<GatewayResultReceived['data']> = {}) {
    return this.apply(decideResult(this.state, answer(this.lastRequest(), outcome, extra), AT));
  }
  statuses() {
    return this.effects.flatMap((e) => (e.kind === 'payment' ? [e.payment.status] : []));
  }
  of<K extends PaymentEffect['kind']>(kind: K) {
    return this.effects.filter((e): e is Extract<PaymentEffect, { kind: K }> => e.kind === kind);
  }
}

describe('payment intent state machine', () => {
  it('card, automatic capture: authorize → capture → succeeded, pays the invoice (billing posts the ledger credit)', () => {
    const run = new Run();
    run.command(createCommand());
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    expect(run.lastRequest()).toMatchObject({
      operation: 'authorize',
      gateway: 'card',
      attempt: 1,
      idempotencyKey: `${PAYMENT}:authorize:1`,
    });
    run.result('succeeded');
    expect(run.lastRequest()).toMatchObject({ operation: 'capture', amount: '100.00', gatewayReference: 'card_ch_1' });
    run.result('succeeded');
    expect(run.statuses()).toEqual(['requires_confirmation', 'processing', 'processing', 'succeeded']);
    expect(run.state?.payment).toMatchObject({ amountCaptured: '100.00', amountCapturable: '0.00', gateway: 'card' });
    // INVOICE_PAYMENT_LEDGER_RULE: an invoice payment reaches the ledger through billing, as a manual one does.
    expect(run.of('ledger')).toEqual([]);
    expect(run.of('invoice')).toEqual([
      expect.objectContaining({ invoiceId: INVOICE, paymentId: PAYMENT, amount: '100.00' }),
    ]);
    expect(run.of('attempt').map((e) => e.row.outcome)).toEqual(['succeeded', 'succeeded']);
  });

  it('manual capture: requires_capture, partial capture credits only the captured amount', () => {
    const run = new Run();
    run.command(createCommand({ captureMethod: 'manual', invoiceId: null }));
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    run.result('succeeded');
    expect(run.state?.payment).toMatchObject({ status: 'requires_capture', amountCapturable: '100.00' });
    expect(run.command(command('CapturePaymentIntent', { amount: '100.01' })).effects[0]).toMatchObject({
      kind: 'rejected',
      reason: 'amount_exceeds_authorized',
    });
    run.command(command('CapturePaymentIntent', { amount: '60.00' }));
    run.result('succeeded');
    expect(run.state?.payment).toMatchObject({
      status: 'succeeded',
      amountCaptured: '60.00',
      amountCapturable: '0.00',
    });
    expect(run.of('ledger')).toEqual([
      expect.objectContaining({ transactionId: PAYMENT, type: 'credit', amount: '60.00', accountId: ACCOUNT }),
    ]);
    expect(run.of('invoice')).toEqual([]);
  });

  it('a declined card fails with its reason; only billing hears of it (to retry an automatic charge)', () => {
    const run = new Run();
    run.command(createCommand());
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    run.result('declined', { code: 'insufficient_funds', message: 'The card has insufficient funds' });
    expect(run.state?.payment).toMatchObject({
      status: 'failed',
      failureCode: 'insufficient_funds',
      failureMessage: 'The card has insufficient funds',
    });
    expect(run.of('ledger')).toEqual([]);
    expect(run.of('invoiceFailure')).toEqual([
      expect.objectContaining({ invoiceId: INVOICE, paymentId: PAYMENT, code: 'insufficient_funds' }),
    ]);
  });

  it('a retryable failure falls back to the next gateway; the last one failing fails the payment', () => {
    const run = new Run();
    run.command(createCommand());
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    run.result('error', { retryable: true, code: 'network_timeout' });
    expect(run.lastRequest()).toMatchObject({ gateway: 'card_backup', attempt: 2, operation: 'authorize' });
    expect(run.state?.payment.gateway).toBe('card_backup');
    run.result('error', { retryable: true, code: 'network_timeout', message: 'timed out' });
    expect(run.state?.payment).toMatchObject({ status: 'failed', failureCode: 'network_timeout' });
  });

  it('a challenge: requires_action, then the payer passes it and the payment succeeds', () => {
    const run = new Run();
    run.command(createCommand());
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    run.result('requires_action');
    expect(run.state?.payment.status).toBe('requires_action');
    run.command(command('CompletePaymentAction', { passed: true }));
    expect(run.lastRequest()).toMatchObject({ operation: 'authorize', challengePassed: true, attempt: 2 });
    run.result('succeeded');
    run.result('succeeded');
    expect(run.state?.payment.status).toBe('succeeded');
  });

  it('ignores a redelivered or stale gateway answer', () => {
    const run = new Run();
    run.command(createCommand());
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    const authorize = run.lastRequest();
    run.result('succeeded');
    expect(decideResult(run.state, answer(authorize, 'succeeded'), AT)).toEqual({ state: null, effects: [] });
  });

  it('cancel: from requires_capture voids the authorization; not while processing', () => {
    const run = new Run();
    run.command(createCommand({ captureMethod: 'manual' }));
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    expect(run.command(command('CancelPaymentIntent', { reason: null })).effects[0]).toMatchObject({
      kind: 'rejected',
      reason: 'invalid_transition',
    });
    run.result('succeeded');
    run.command(command('CancelPaymentIntent', { reason: 'customer asked' }));
    expect(run.state?.payment.status).toBe('canceled');
    expect(run.lastRequest()).toMatchObject({ operation: 'void', gatewayReference: 'card_ch_1' });
  });

  it('confirm without a method is refused; create twice is refused; another organization sees no payment', () => {
    const run = new Run();
    run.command(createCommand({ paymentMethod: null }));
    expect(run.state?.payment.status).toBe('requires_payment_method');
    expect(run.command(command('ConfirmPaymentIntent', { paymentMethod: null })).effects[0]).toMatchObject({
      reason: 'payment_method_required',
    });
    expect(run.command(createCommand()).effects[0]).toMatchObject({ reason: 'payment_exists' });
    const foreign = decideCommand(run.state, command('CancelPaymentIntent', { reason: null, organizationId: ACCOUNT }));
    expect(foreign.effects[0]).toMatchObject({ reason: 'payment_not_found' });
  });

  it('bank transfer: pending until the signed webhook settles it; a duplicate webhook changes nothing', () => {
    const run = new Run();
    run.command(createCommand({ paymentMethod: { ...CARD, type: 'bank_transfer', token: 'tok_bank_settle_ab' } }));
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    expect(run.lastRequest().gateway).toBe('bank');
    run.result('pending', { gatewayReference: 'bank_tr_1' });
    expect(run.state?.payment.status).toBe('processing');
    const webhook = {
      webhookEventId: 'evt_1',
      gateway: 'bank' as const,
      kind: 'transfer.settled' as const,
      paymentId: PAYMENT,
      gatewayReference: 'bank_tr_1',
      code: null,
    };
    expect(decideWebhook(run.state, { ...webhook, gatewayReference: 'bank_tr_other' }, AT).effects).toEqual([]);
    run.apply(decideWebhook(run.state, webhook, AT));
    expect(run.state?.payment).toMatchObject({ status: 'succeeded', amountCaptured: '100.00' });
    expect(decideWebhook(run.state, webhook, AT)).toEqual({ state: null, effects: [] });
    expect(run.of('invoice')).toHaveLength(1);
  });

  it('refunds: several partial refunds up to the captured amount, each reversing its effect', () => {
    const run = new Run();
    run.command(createCommand());
    run.command(command('ConfirmPaymentIntent', { paymentMethod: null }));
    run.result('succeeded');
    run.result('succeeded');
    run.command(command('CreateRefund', { refundId: REFUND_1, amount: '30.00', reason: null }));
    expect(run.lastRequest()).toMatchObject({
      operation: 'refund',
      refundId: REFUND_1,
      gateway: 'card',
      amount: '30.00',
    });
    const over = run.command(command('CreateRefund', { refundId: REFUND_2, amount: '70.01', reason: null }));
    expect(over.effects[0]).toMatchObject({
      kind: 'rejected',
      reason: 'amount_exceeds_refundable',
      refundId: REFUND_2,
    });
    run.result('succeeded');
    expect(run.state?.payment.amountRefunded).toBe('30.00');
    run.command(command('CreateRefund', { refundId: REFUND_2, amount: '70.00', reason: null }));
    run.result('declined', { code: 'gateway_error' });
    expect(run.state?.refunds.map((e) => e.refund.status)).toEqual(['succeeded', 'failed']);
    expect(run.of('ledger')).toEqual([]);
    expect(run.of('invoice').map((e) => [e.amount, e.paymentId])).toEqual([
      ['100.00', PAYMENT],
      ['-30.00', REFUND_1],
    ]);
  });
});
