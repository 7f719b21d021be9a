import type { CreatePaymentBody } from '@billstream/contracts';
import { problems } from '../../utils/problem';
import { resolveMethod, resolvePaymentTarget } from './paymentTarget';
import { rememberPendingPayment } from './pendingPayments';
import { paymentCommand, publishPaymentCommand } from './publishPaymentCommand';

export interface PaymentAccepted {
  readonly id: string;
  readonly status: 'pending';
  readonly links: { readonly self: string };
}

/**
 * Creates a payment intent (and confirms it when asked): validates the
 * invoice or account and the method, then produces CreatePaymentIntent (and
 * ConfirmPaymentIntent, same key, so in order) with acks=all.
 */
export async function createPayment(
  paymentId: string,
  body: CreatePaymentBody,
  context: { organizationId: string; userId: string; requestId: string },
): Promise<PaymentAccepted> {
  const { organizationId } = context;
  const target = await resolvePaymentTarget(body, organizationId);
  const method = await resolveMethod(body.paymentMethodId, target.accountId, organizationId, 'body.paymentMethodId');
  if (body.confirm && method === null)
    throw problems.invalid([
      { name: 'body.paymentMethodId', reason: 'the account has no payment method to confirm with' },
    ]);
  const requestedAt = new Date().toISOString();
  const create = paymentCommand('CreatePaymentIntent', {
    paymentId,
    organizationId,
    requestedAt,
    accountId: target.accountId,
    invoiceId: target.invoiceId,
    amount: target.amount,
    currency: target.currency,
    captureMethod: body.captureMethod,
    paymentMethod: method,
    requestedBy: context.userId,
  });
  await rememberPendingPayment({
    id: paymentId,
    organizationId,
    ...target,
    captureMethod: body.captureMethod,
    createdAt: requestedAt,
  });
  await publishPaymentCommand(create, context.requestId);
  if (body.confirm) {
    const confirm = paymentCommand('ConfirmPaymentIntent', {
      paymentId,
      organizationId,
      requestedAt,
      paymentMethod: null,
    });
    await publishPaymentCommand(confirm, context.requestId);
  }
  return { id: paymentId, status: 'pending', links: { self: `/api/v1/payments/${paymentId}` } };
}
