import type { PaymentResource } from '@billstream/contracts';
import { problems } from '../../utils/problem';
import { useRedis } from '../../utils/redis';
import { findCommandFailure } from '../commands/findCommandFailure';
import { findPaymentRow, historyOf, refundsOf, toPaymentSummary } from './paymentRows';
import { findPendingPayment } from './pendingPayments';

/** The processor's last refusal for a payment or refund (written to Redis by the payments_rejections view). */
export async function rejectionOf(subjectId: string): Promise<PaymentResource['rejection']> {
  const fields = await useRedis().hgetall(`bs:payment-rejection:${subjectId}`);
  if (!fields.reason) return null;
  return { command: fields.command ?? '', reason: fields.reason, detail: fields.detail ?? '' };
}

/** The payment with its refunds and timeline; `pending` until the processor has written it. */
export async function getPayment(id: string, organizationId: string): Promise<PaymentResource> {
  const row = await findPaymentRow(id, organizationId);
  if (row) {
    const [refunds, history, rejection] = await Promise.all([
      refundsOf(id, organizationId, row.currency),
      historyOf(id, organizationId),
      rejectionOf(id),
    ]);
    return { ...toPaymentSummary(row), refunds, history, rejection };
  }
  const pending = await findPendingPayment(id, organizationId);
  if (!pending) throw problems.notFound(`There is no payment ${id}`, { name: 'params.id', reason: 'no such payment' });
  const zero = '0';
  const failure = await findCommandFailure(id, organizationId);
  return {
    ...(failure ? { failure } : {}),
    id,
    accountId: pending.accountId,
    invoiceId: pending.invoiceId,
    amount: pending.amount,
    amountCapturable: zero,
    amountCaptured: zero,
    amountRefunded: zero,
    currency: pending.currency as PaymentResource['currency'],
    status: failure ? 'failed' : 'pending',
    captureMethod: pending.captureMethod,
    gateway: null,
    paymentMethodId: null,
    failureCode: null,
    failureMessage: null,
    rejection: await rejectionOf(id),
    createdAt: pending.createdAt,
    updatedAt: pending.createdAt,
    refunds: [],
    history: [],
    links: { self: `/api/v1/payments/${id}` },
  };
}
