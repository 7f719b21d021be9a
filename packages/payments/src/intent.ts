import {
  type CancelPaymentIntent,
  type CapturePaymentIntent,
  type CompletePaymentAction,
  type ConfirmPaymentIntent,
  type CreatePaymentIntent,
  fitsMinorUnits,
  formatMoney,
  type GatewayOperation,
  type GatewayRequest,
  money,
  type PaymentCommand,
  type PaymentFailureCode,
  type PaymentIntentStatus,
  type PaymentRejectionReason,
  type PaymentSnapshot,
} from '@billstream/contracts';
import type { Decision, PaymentEffect, PaymentState } from './intentState.ts';
import { createRefund } from './refunds.ts';
import { route } from './routing.ts';

/** Where each command may be applied (docs/payments.md, "Payment states"). */
const ALLOWED_FROM: Record<
  Exclude<PaymentCommand['type'], 'CreatePaymentIntent' | 'CreateRefund'>,
  readonly PaymentIntentStatus[]
> = {
  ConfirmPaymentIntent: ['requires_payment_method', 'requires_confirmation'],
  CompletePaymentAction: ['requires_action'],
  CapturePaymentIntent: ['requires_capture'],
  CancelPaymentIntent: ['requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture'],
};

export const TERMINAL_STATUSES: readonly PaymentIntentStatus[] = ['succeeded', 'failed', 'canceled'];

export function reject(
  command: PaymentCommand,
  reason: PaymentRejectionReason,
  detail: string,
  refundId: string | null = null,
): Decision {
  const { paymentId, organizationId } = command.data;
  return {
    state: null,
    effects: [{ kind: 'rejected', paymentId, refundId, organizationId, command: command.type, reason, detail }],
  };
}

/** Moves the payment to a new snapshot, with a timeline entry. */
export function update(
  state: PaymentState,
  changes: Partial<PaymentSnapshot>,
  atIso: string,
  detail: string | null,
): { state: PaymentState; effect: PaymentEffect } {
  const previous = state.payment;
  const payment = { ...previous, ...changes, version: previous.version + 1, updatedAt: atIso };
  return {
    state: { ...state, payment },
    effect: { kind: 'payment', payment, previousStatus: previous.status, detail },
  };
}

/** A gateway request numbered by the payment's attempt counter; the key makes the gateway call idempotent. */
export function gatewayRequest(
  state: PaymentState,
  operation: GatewayOperation,
  options: { amount: string; atIso: string; refundId?: string; challengePassed?: boolean },
): { state: PaymentState; request: GatewayRequest } {
  const gateway = state.route[state.routeIndex];
  if (gateway === undefined) throw new Error(`payment ${state.payment.id} has no gateway at ${state.routeIndex}`);
  const attempt = state.attempts + 1;
  const subject = options.refundId ?? state.payment.id;
  const requestId = `${subject}:${operation}:${attempt}`;
  const request: GatewayRequest = {
    requestId,
    idempotencyKey: requestId,
    paymentId: state.payment.id,
    refundId: options.refundId ?? null,
    organizationId: state.payment.organizationId,
    gateway,
    operation,
    attempt,
    amount: options.amount,
    currency: state.payment.currency,
    paymentMethodToken: state.methodToken ?? '',
    gatewayReference: state.gatewayReference,
    challengePassed: options.challengePassed ?? null,
    requestedAt: options.atIso,
  };
  return { state: { ...state, attempts: attempt }, request };
}

function create(command: CreatePaymentIntent): Decision {
  const { data } = command;
  const method = data.paymentMethod;
  const payment: PaymentSnapshot = {
    id: data.paymentId,
    organizationId: data.organizationId,
    accountId: data.accountId,
    invoiceId: data.invoiceId,
    amount: formatMoney(data.amount, data.currency),
    amountCapturable: formatMoney(0, data.currency),
    amountCaptured: formatMoney(0, data.currency),
    amountRefunded: formatMoney(0, data.currency),
    currency: data.currency,
    status: method ? 'requires_confirmation' : 'requires_payment_method',
    captureMethod: data.captureMethod,
    gateway: null,
    paymentMethodId: method?.id ?? null,
    failureCode: null,
    failureMessage: null,
    version: 1,
    createdAt: data.requestedAt,
    updatedAt: data.requestedAt,
  };
  const state: PaymentState = {
    payment,
    methodType: method?.type ?? null,
    methodToken: method?.token ?? null,
    route: [],
    routeIndex: 0,
    attempts: 0,
    pendingRequestId: null,
    pendingAmount: null,
    gatewayReference: null,
    refunds: [],
  };
  return { state, effects: [{ kind: 'payment', payment, previousStatus: null, detail: 'created' }] };
}

/** The payment failed; billing hears of it when it pays an invoice (automatic collection retries on its schedule). */
export function fail(state: PaymentState, code: PaymentFailureCode, message: string, atIso: string): Decision {
  const moved = update(state, { status: 'failed', failureCode: code, failureMessage: message }, atIso, message);
  const effects: PaymentEffect[] = [moved.effect];
  const { payment } = state;
  if (payment.invoiceId !== null)
    effects.push({
      kind: 'invoiceFailure',
      invoiceId: payment.invoiceId,
      organizationId: payment.organizationId,
      paymentId: payment.id,
      code,
      message,
    });
  return { state: { ...moved.state, pendingRequestId: null }, effects };
}

function confirm(state: PaymentState, command: ConfirmPaymentIntent): Decision {
  const method = command.data.paymentMethod;
  const methodType = method?.type ?? state.methodType;
  const token = method?.token ?? state.methodToken;
  if (methodType === null || token === null)
    return reject(command, 'payment_method_required', 'attach a payment method first');
  const at = command.data.requestedAt;
  const { payment } = state;
  const gateways = route({ methodType, currency: payment.currency, amount: payment.amount });
  const base: PaymentState = {
    ...state,
    methodType,
    methodToken: token,
    route: gateways,
    routeIndex: 0,
    payment: { ...payment, paymentMethodId: method?.id ?? payment.paymentMethodId },
  };
  if (gateways.length === 0)
    return fail(base, 'no_gateway', `no gateway takes ${methodType} in ${payment.currency}`, at);
  const moved = update(base, { status: 'processing', gateway: gateways[0] ?? null }, at, `sent to ${gateways[0]}`);
  const asked = gatewayRequest(moved.state, 'authorize', { amount: payment.amount, atIso: at });
  return {
    state: { ...asked.state, pendingRequestId: asked.request.requestId },
    effects: [moved.effect, { kind: 'gateway', request: asked.request }],
  };
}

function completeAction(state: PaymentState, command: CompletePaymentAction): Decision {
  const at = command.data.requestedAt;
  const detail = command.data.passed ? 'challenge passed' : 'challenge failed';
  const moved = update(state, { status: 'processing' }, at, detail);
  const asked = gatewayRequest(moved.state, 'authorize', {
    amount: state.payment.amount,
    atIso: at,
    challengePassed: command.data.passed,
  });
  return {
    state: { ...asked.state, pendingRequestId: asked.request.requestId },
    effects: [moved.effect, { kind: 'gateway', request: asked.request }],
  };
}

function capture(state: PaymentState, command: CapturePaymentIntent): Decision {
  const { payment } = state;
  const amount = command.data.amount ?? payment.amountCapturable;
  if (money(amount).gt(payment.amountCapturable))
    return reject(command, 'amount_exceeds_authorized', `at most ${payment.amountCapturable} can be captured`);
  if (!fitsMinorUnits(amount, payment.currency))
    return reject(command, 'amount_exceeds_authorized', 'has more decimal places than the currency allows');
  const at = command.data.requestedAt;
  const moved = update(state, { status: 'processing' }, at, `capturing ${formatMoney(amount, payment.currency)}`);
  const asked = gatewayRequest(moved.state, 'capture', { amount: formatMoney(amount, payment.currency), atIso: at });
  return {
    state: { ...asked.state, pendingRequestId: asked.request.requestId, pendingAmount: asked.request.amount },
    effects: [moved.effect, { kind: 'gateway', request: asked.request }],
  };
}

function cancel(state: PaymentState, command: CancelPaymentIntent): Decision {
  const at = command.data.requestedAt;
  const { payment } = state;
  const zero = formatMoney(0, payment.currency);
  const moved = update(state, { status: 'canceled', amountCapturable: zero }, at, command.data.reason ?? 'canceled');
  const effects: PaymentEffect[] = [moved.effect];
  let next: PaymentState = { ...moved.state, pendingRequestId: null };
  // An authorization holds the payer's funds: release it at the gateway.
  if (state.gatewayReference !== null && state.route.length > 0) {
    const asked = gatewayRequest(next, 'void', { amount: payment.amount, atIso: at });
    next = asked.state;
    effects.push({ kind: 'gateway', request: asked.request });
  }
  return { state: next, effects };
}

/** Applies one command to a payment; `state` is null before CreatePaymentIntent. */
export function decideCommand(state: PaymentState | null, command: PaymentCommand): Decision {
  if (command.type === 'CreatePaymentIntent') {
    return state ? reject(command, 'payment_exists', 'a payment with this id exists') : create(command);
  }
  if (!state || state.payment.organizationId !== command.data.organizationId)
    return reject(
      command,
      'payment_not_found',
      'no such payment',
      command.type === 'CreateRefund' ? command.data.refundId : null,
    );
  if (command.type === 'CreateRefund') return createRefund(state, command);
  if (!ALLOWED_FROM[command.type].includes(state.payment.status))
    return reject(command, 'invalid_transition', `cannot ${command.type} a payment that is ${state.payment.status}`);
  switch (command.type) {
    case 'ConfirmPaymentIntent':
      return confirm(state, command);
    case 'CompletePaymentAction':
      return completeAction(state, command);
    case 'CapturePaymentIntent':
      return capture(state, command);
    case 'CancelPaymentIntent':
      return cancel(state, command);
  }
}
