import type { PaymentCommand } from '@billstream/contracts';
import { problems } from '../../utils/problem';
import { findPaymentRow } from './paymentRows';
import { findPendingPayment } from './pendingPayments';
import { publishPaymentCommand } from './publishPaymentCommand';

/**
 * Produces a command for an existing payment of the caller's organization
 * (confirm, capture, cancel, challenge answer) and answers 202: the processor
 * decides, and a refusal shows as `rejection` on GET /payments/:id.
 */
export async function changePayment(
  id: string,
  organizationId: string,
  requestId: string,
  build: (accountId: string) => Promise<PaymentCommand>,
) {
  const row = await findPaymentRow(id, organizationId);
  const accountId = row?.account_id ?? (await findPendingPayment(id, organizationId))?.accountId;
  if (!accountId)
    throw problems.notFound(`There is no payment ${id}`, { name: 'params.id', reason: 'no such payment' });
  await publishPaymentCommand(await build(accountId), requestId);
  return { id, status: 'accepted' as const, links: { self: `/api/v1/payments/${id}` } };
}
