import type { WebhookEventRow } from './eventMap.ts';

/** A mail to the customer's contact, written to mail_outbox with its webhook event (same transaction, once). */
export interface BillingMail {
  readonly id: string;
  readonly organizationId: string;
  readonly accountId: string;
  readonly invoiceId: string | null;
  readonly kind: 'invoice_issued' | 'invoice_receipt' | 'payment_failed';
  readonly subject: string;
  readonly text: string;
}

const field = (object: Record<string, unknown>, key: string) => String(object[key] ?? '');

/** Links in mails point at the web app (PUBLIC_URL, as the web app uses it). */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/**
 * The customer mails of one webhook event, from templates: invoice issued
 * (the relay attaches the PDF), receipt (invoice paid) and payment failed.
 * The mail id is the event id: a replay writes the same row once.
 */
export function billingMailOf(row: WebhookEventRow, base = publicUrl()): BillingMail | null {
  const object = row.object;
  const common = { id: row.id, organizationId: row.organizationId, accountId: field(object, 'accountId') };
  const number = field(object, 'invoiceNumber') || row.objectId;
  if (row.type === 'invoice.issued' || row.type === 'invoice.paid') {
    const link = `${base}/invoices/${row.objectId}`;
    const amount = `${field(object, 'total')} ${field(object, 'currency')}`;
    const issued = row.type === 'invoice.issued';
    return {
      ...common,
      invoiceId: row.objectId,
      kind: issued ? 'invoice_issued' : 'invoice_receipt',
      subject: issued ? `Invoice ${number}` : `Receipt for invoice ${number}`,
      text: issued
        ? `Invoice ${number} for ${amount} is due on ${field(object, 'dueDate')}.\n\nThe PDF is attached; view it online: ${link}`
        : `Thank you: invoice ${number} (${amount}) is paid.\n\nView it online: ${link}`,
    };
  }
  if (row.type === 'payment.failed') {
    const invoiceId = (object.invoiceId as string | null) ?? null;
    const link = invoiceId ? `${base}/invoices/${invoiceId}` : `${base}/payments/${row.objectId}`;
    return {
      ...common,
      invoiceId: null,
      kind: 'payment_failed',
      subject: `Payment of ${field(object, 'amount')} ${field(object, 'currency')} failed`,
      text: `Your payment of ${field(object, 'amount')} ${field(object, 'currency')} failed (${field(object, 'failureMessage') || field(object, 'failureCode') || 'declined'}).\n\nPlease check your payment method: ${link}`,
    };
  }
  return null;
}
