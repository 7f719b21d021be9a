import { formatMoney, type GatewayResultReceived, type GatewayWebhookReceived, money } from '@billstream/contracts';
import { fail, gatewayRequest, update } from './intent.ts';
import type { AttemptRow, Decision, PaymentEffect, PaymentState } from './intentState.ts';
import { refundResult } from './refunds.ts';

type Result = GatewayResultReceived['data'];

/**
 * The payment is paid. INVOICE_PAYMENT_LEDGER_RULE (docs/collection.md): a
 * payment of an invoice goes to billing only, which posts the ledger credit
 * exactly as it does for a manual payment; a payment without an invoice is
 * credited to the account here.
 */
export function succeed(state: PaymentState, amount: string, atIso: string, detail: string): Decision {
  const { payment } = state;
  const captured = formatMoney(amount, payment.currency);
  const zero = formatMoney(0, payment.currency);
  const moved = update(state, { status: 'succeeded', amountCaptured: captured, amountCapturable: zero }, atIso, detail);
  const effect: PaymentEffect =
    payment.invoiceId === null
      ? {
          kind: 'ledger',
          transactionId: payment.id,
          accountId: payment.accountId,
          type: 'credit',
          amount: captured,
          currency: payment.currency,
          description: 'Payment',
          reference: payment.id,
        }
      : {
          kind: 'invoice',
          invoiceId: payment.invoiceId,
          organizationId: payment.organizationId,
          paymentId: payment.id,
          amount: captured,
          method: state.methodType ?? 'card',
        };
  return { state: { ...moved.state, pendingRequestId: null, pendingAmount: null }, effects: [moved.effect, effect] };
}

function attemptRow(state: PaymentState, result: Result, atIso: string): PaymentEffect {
  const row: AttemptRow = {
    requestId: result.requestId,
    paymentId: result.paymentId,
    organizationId: state.payment.organizationId,
    gateway: result.gateway,
    operation: result.operation,
    outcome: result.outcome,
    code: result.code,
    occurredAt: atIso,
  };
  return { kind: 'attempt', row };
}

function fallBack(state: PaymentState, result: Result, atIso: string): Decision {
  const nextIndex = state.routeIndex + 1;
  const next = state.route[nextIndex];
  if (next === undefined) return fail(state, result.code ?? 'gateway_error', result.message ?? 'gateway error', atIso);
  const detail = `${result.gateway}: ${result.code ?? 'error'}, falling back to ${next}`;
  const moved = update({ ...state, routeIndex: nextIndex }, { gateway: next }, atIso, detail);
  const asked = gatewayRequest(moved.state, 'authorize', { amount: state.payment.amount, atIso });
  return {
    state: { ...asked.state, pendingRequestId: asked.request.requestId },
    effects: [moved.effect, { kind: 'gateway', request: asked.request }],
  };
}

function authorized(state: PaymentState, result: Result, atIso: string): Decision {
  const withRef: PaymentState = { ...state, gatewayReference: result.gatewayReference, pendingRequestId: null };
  const { payment } = state;
  if (result.outcome === 'requires_action') {
    const moved = update(withRef, { status: 'requires_action' }, atIso, `${result.gateway} asks for a challenge`);
    return { state: moved.state, effects: [moved.effect] };
  }
  if (result.outcome === 'pending') {
    const moved = update(withRef, {}, atIso, `${result.gateway}: transfer initiated, waiting for settlement`);
    return { state: moved.state, effects: [moved.effect] };
  }
  if (payment.captureMethod === 'manual') {
    const changes = { status: 'requires_capture' as const, amountCapturable: payment.amount };
    const moved = update(withRef, changes, atIso, `authorized by ${result.gateway}`);
    return { state: moved.state, effects: [moved.effect] };
  }
  const asked = gatewayRequest(withRef, 'capture', { amount: payment.amount, atIso });
  const moved = update(asked.state, { amountCapturable: payment.amount }, atIso, `authorized by ${result.gateway}`);
  return {
    state: { ...moved.state, pendingRequestId: asked.request.requestId, pendingAmount: payment.amount },
    effects: [moved.effect, { kind: 'gateway', request: asked.request }],
  };
}

function onPaymentResult(state: PaymentState, result: Result, atIso: string): Decision {
  const failed = result.outcome === 'declined' || result.outcome === 'error';
  if (result.operation === 'authorize') {
    if (failed && result.retryable) return fallBack(state, result, atIso);
    if (failed) return fail(state, result.code ?? 'gateway_error', result.message ?? 'declined', atIso);
    return authorized(state, result, atIso);
  }
  if (result.operation === 'capture') {
    if (failed) return fail(state, result.code ?? 'gateway_error', result.message ?? 'capture failed', atIso);
    const amount = state.pendingAmount ?? state.payment.amount;
    return succeed(state, amount, atIso, `captured ${amount} by ${result.gateway}`);
  }
  return { state: null, effects: [] };
}

/**
 * A gateway's answer. Only the answer to the request the payment (or one of
 * its refunds) waits for counts: a redelivered or late answer changes nothing.
 */
export function decideResult(state: PaymentState | null, result: Result, atIso: string): Decision {
  if (!state) return { state: null, effects: [] };
  if (result.refundId !== null) return refundResult(state, result, atIso, attemptRow(state, result, atIso));
  if (state.pendingRequestId !== result.requestId) return { state: null, effects: [] };
  const decision = onPaymentResult(state, result, atIso);
  return { state: decision.state, effects: [attemptRow(state, result, atIso), ...decision.effects] };
}

/** A bank transfer settled or failed. Duplicated webhooks find the payment already decided. */
export function decideWebhook(
  state: PaymentState | null,
  webhook: GatewayWebhookReceived['data'],
  atIso: string,
): Decision {
  if (!state || state.payment.status !== 'processing') return { state: null, effects: [] };
  if (state.payment.gateway !== webhook.gateway || state.gatewayReference !== webhook.gatewayReference)
    return { state: null, effects: [] };
  if (webhook.kind === 'transfer.failed')
    return fail(state, webhook.code ?? 'transfer_failed', 'The bank transfer failed', atIso);
  const amount = money(state.payment.amount).toFixed();
  return succeed(state, amount, atIso, `transfer ${webhook.gatewayReference} settled`);
}
