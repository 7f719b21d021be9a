import { type CreateRefundBody, type CurrencyCode, fitsMinorUnits, formatMoney, money } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { findPaymentRow } from './paymentRows';
import { paymentCommand, publishPaymentCommand } from './publishPaymentCommand';

/** Refundable now: captured minus refunds that succeeded or are still pending. */
async function refundable(paymentId: string, captured: string, currency: CurrencyCode): Promise<string> {
  const rows = await useDb().$queryRaw<{ held: string }[]>`
    SELECT COALESCE(sum(amount), 0)::text AS held FROM refunds WHERE payment_id = ${paymentId}::uuid AND status <> 'failed'`;
  // In the currency's own minor units (0 for JPY), like every amount on the wire.
  return formatMoney(money(captured).minus(rows[0]?.held ?? '0'), currency);
}

/** Accepts a full (no amount) or partial refund of a succeeded payment; the processor has the final word. */
export async function createRefund(
  refundId: string,
  paymentId: string,
  body: CreateRefundBody,
  context: { organizationId: string; requestId: string },
) {
  const row = await findPaymentRow(paymentId, context.organizationId);
  if (!row)
    throw problems.notFound(`There is no payment ${paymentId}`, { name: 'params.id', reason: 'no such payment' });
  if (row.status !== 'succeeded')
    throw problems.invalid([
      { name: 'params.id', reason: `the payment is ${row.status}; only succeeded payments are refunded` },
    ]);
  const currency = row.currency as CurrencyCode;
  const available = await refundable(paymentId, row.amount_captured, currency);
  const amount = body.amount ?? available;
  if (money(amount).lte(0) || money(amount).gt(available))
    throw problems.invalid([
      { name: 'body.amount', reason: `must be more than 0 and at most ${available}, the refundable amount` },
    ]);
  if (!fitsMinorUnits(amount, currency))
    throw problems.invalid([{ name: 'body.amount', reason: 'has more decimal places than the currency allows' }]);
  const command = paymentCommand('CreateRefund', {
    paymentId,
    organizationId: context.organizationId,
    requestedAt: new Date().toISOString(),
    refundId,
    amount: formatMoney(amount, currency),
    reason: body.reason ?? null,
  });
  await publishPaymentCommand(command, context.requestId);
  return {
    id: refundId,
    paymentId,
    amount: command.data.amount,
    status: 'pending' as const,
    links: { payment: `/api/v1/payments/${paymentId}` },
  };
}
