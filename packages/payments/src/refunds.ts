import {
  type CreateRefund,
  fitsMinorUnits,
  formatMoney,
  type GatewayResultReceived,
  money,
  type RefundSnapshot,
} from '@billstream/contracts';
import { gatewayRequest, reject, update } from './intent.ts';
import { type Decision, PAYMENT_REFUNDS_MAX, type PaymentEffect, type PaymentState } from './intentState.ts';

/** What can still be refunded: captured minus succeeded and pending refunds. */
export function refundable(state: PaymentState): string {
  const held = state.refunds
    .filter((entry) => entry.refund.status !== 'failed')
    .reduce((sum, entry) => sum.plus(entry.refund.amount), money(0));
  return formatMoney(money(state.payment.amountCaptured).minus(held), state.payment.currency);
}

export function createRefund(state: PaymentState, command: CreateRefund): Decision {
  const { data } = command;
  const { payment } = state;
  if (state.refunds.some((entry) => entry.refund.id === data.refundId)) return { state: null, effects: [] };
  if (payment.status !== 'succeeded')
    return reject(command, 'invalid_transition', `cannot refund a payment that is ${payment.status}`, data.refundId);
  if (state.refunds.length >= PAYMENT_REFUNDS_MAX)
    return reject(command, 'invalid_transition', `a payment has at most ${PAYMENT_REFUNDS_MAX} refunds`, data.refundId);
  if (!fitsMinorUnits(data.amount, payment.currency))
    return reject(command, 'currency_mismatch', 'has more decimal places than the currency allows', data.refundId);
  const available = refundable(state);
  if (money(data.amount).gt(available))
    return reject(command, 'amount_exceeds_refundable', `at most ${available} can be refunded`, data.refundId);
  const refund: RefundSnapshot = {
    id: data.refundId,
    paymentId: payment.id,
    organizationId: payment.organizationId,
    amount: formatMoney(data.amount, payment.currency),
    currency: payment.currency,
    status: 'pending',
    reason: data.reason,
    failureCode: null,
    createdAt: data.requestedAt,
    updatedAt: data.requestedAt,
  };
  // Refunds go to the gateway that captured the payment.
  const atCaptor: PaymentState = { ...state, routeIndex: Math.max(0, state.route.indexOf(payment.gateway ?? 'card')) };
  const asked = gatewayRequest(atCaptor, 'refund', {
    amount: refund.amount,
    atIso: data.requestedAt,
    refundId: refund.id,
  });
  const next: PaymentState = {
    ...asked.state,
    routeIndex: state.routeIndex,
    refunds: [...state.refunds, { refund, requestId: asked.request.requestId }],
  };
  return {
    state: next,
    effects: [
      { kind: 'refund', refund },
      { kind: 'gateway', request: asked.request },
    ],
  };
}

/**
 * INVOICE_PAYMENT_LEDGER_RULE (docs/collection.md): a refund of an invoice
 * payment goes to billing only, which posts the ledger debit; a refund of a
 * payment without an invoice is debited here.
 */
function refundEffects(state: PaymentState, refund: RefundSnapshot): PaymentEffect[] {
  const { payment } = state;
  if (payment.invoiceId !== null)
    return [
      {
        kind: 'invoice',
        invoiceId: payment.invoiceId,
        organizationId: payment.organizationId,
        paymentId: refund.id,
        amount: formatMoney(money(refund.amount).negated(), payment.currency),
        method: state.methodType ?? 'card',
      },
    ];
  return [
    {
      kind: 'ledger',
      transactionId: refund.id,
      accountId: payment.accountId,
      type: 'debit',
      amount: refund.amount,
      currency: payment.currency,
      description: `Refund of payment ${payment.id}`,
      reference: refund.id,
    },
  ];
}

/** A gateway's answer to a refund: succeeded reverses the payment's effects; failed frees the amount again. */
export function refundResult(
  state: PaymentState,
  result: GatewayResultReceived['data'],
  atIso: string,
  attempt: PaymentEffect,
): Decision {
  const entry = state.refunds.find((candidate) => candidate.requestId === result.requestId);
  if (!entry || entry.refund.status !== 'pending') return { state: null, effects: [] };
  const succeeded = result.outcome === 'succeeded' || result.outcome === 'pending';
  const refund: RefundSnapshot = {
    ...entry.refund,
    status: succeeded ? 'succeeded' : 'failed',
    failureCode: succeeded ? null : (result.code ?? 'gateway_error'),
    updatedAt: atIso,
  };
  const refunds = state.refunds.map((candidate) => (candidate === entry ? { ...candidate, refund } : candidate));
  if (!succeeded) return { state: { ...state, refunds }, effects: [attempt, { kind: 'refund', refund }] };
  const refunded = formatMoney(money(state.payment.amountRefunded).plus(refund.amount), state.payment.currency);
  const moved = update({ ...state, refunds }, { amountRefunded: refunded }, atIso, `refunded ${refund.amount}`);
  return {
    state: moved.state,
    effects: [attempt, { kind: 'refund', refund }, moved.effect, ...refundEffects(state, refund)],
  };
}
