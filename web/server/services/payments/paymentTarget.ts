import {
  type CreatePaymentBody,
  type CurrencyCode,
  fitsMinorUnits,
  formatMoney,
  money,
  type PaymentMethodRef,
} from '@billstream/contracts';
import type { PaymentMethod } from '@billstream/db';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { findAccount } from '../accounts/findAccount';
import { findPaymentMethod } from '../paymentMethods/findPaymentMethod';

const PAYABLE_INVOICE_STATUSES = ['open', 'partially_paid', 'overdue'];

export interface PaymentTarget {
  readonly accountId: string;
  readonly invoiceId: string | null;
  readonly amount: string;
  readonly currency: CurrencyCode;
}

interface InvoiceRow {
  account_id: string;
  currency: string;
  status: string;
  amount_due: string;
}

async function invoiceTarget(
  body: CreatePaymentBody,
  invoiceId: string,
  organizationId: string,
): Promise<PaymentTarget> {
  const rows = await useDb().$queryRaw<InvoiceRow[]>`
    SELECT account_id::text, currency, status, amount_due::text FROM invoices
     WHERE id = ${invoiceId}::uuid AND organization_id = ${organizationId}::uuid`;
  const invoice = rows[0];
  if (!invoice)
    throw problems.notFound(`There is no invoice ${invoiceId}`, { name: 'body.invoiceId', reason: 'no such invoice' });
  if (!PAYABLE_INVOICE_STATUSES.includes(invoice.status))
    throw problems.invalid([{ name: 'body.invoiceId', reason: `the invoice is ${invoice.status}, not payable` }]);
  if (body.accountId !== undefined && body.accountId !== invoice.account_id)
    throw problems.invalid([{ name: 'body.accountId', reason: "must be the invoice's account" }]);
  if (body.currency !== undefined && body.currency !== invoice.currency)
    throw problems.invalid([{ name: 'body.currency', reason: `must be ${invoice.currency}, the invoice's currency` }]);
  const currency = invoice.currency as CurrencyCode;
  const amount = body.amount ?? formatMoney(invoice.amount_due, currency);
  if (money(amount).gt(invoice.amount_due))
    throw problems.invalid([{ name: 'body.amount', reason: `must be at most ${invoice.amount_due}, the amount due` }]);
  return { accountId: invoice.account_id, invoiceId, amount, currency };
}

/** What is paid: an invoice (defaults from it) or an account; 404/422 problems name the field. */
export async function resolvePaymentTarget(body: CreatePaymentBody, organizationId: string): Promise<PaymentTarget> {
  let target: PaymentTarget;
  if (body.invoiceId !== undefined) target = await invoiceTarget(body, body.invoiceId, organizationId);
  else {
    const accountId = body.accountId ?? '';
    const account = await findAccount(accountId, organizationId);
    if (!account)
      throw problems.notFound(`There is no account ${accountId}`, {
        name: 'body.accountId',
        reason: 'no such account',
      });
    if (body.currency !== account.currency)
      throw problems.invalid([
        { name: 'body.currency', reason: `must be ${account.currency}, the account's currency` },
      ]);
    target = { accountId, invoiceId: null, amount: body.amount ?? '0', currency: account.currency as CurrencyCode };
  }
  if (!fitsMinorUnits(target.amount, target.currency))
    throw problems.invalid([{ name: 'body.amount', reason: 'has more decimal places than the currency allows' }]);
  return target;
}

export function methodRef(row: PaymentMethod): PaymentMethodRef {
  return {
    id: row.id,
    type: row.type as PaymentMethodRef['type'],
    token: row.gatewayToken,
    brand: row.brand,
    last4: row.last4,
  };
}

/** The named method (it must belong to the account), else the account's default, else none. */
export async function resolveMethod(
  paymentMethodId: string | undefined,
  accountId: string,
  organizationId: string,
  field: string,
): Promise<PaymentMethodRef | null> {
  if (paymentMethodId !== undefined) {
    const row = await findPaymentMethod(paymentMethodId, organizationId, field);
    if (row.accountId !== accountId)
      throw problems.invalid([{ name: field, reason: "must be one of the account's methods" }]);
    return methodRef(row);
  }
  const fallback = await useDb().paymentMethod.findFirst({
    where: { accountId, organizationId, isDefault: true, removedAt: null },
  });
  return fallback ? methodRef(fallback) : null;
}
