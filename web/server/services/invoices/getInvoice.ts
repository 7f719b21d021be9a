import { Currency, type InvoiceDetailResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { findCommandFailure } from '../commands/findCommandFailure';
import { findInvoiceRejection } from './findInvoiceRejection';
import { pendingInvoiceResource, toHistoryEntry, toInvoiceLineResource, toInvoiceResource } from './invoiceResources';
import { findPendingInvoice } from './pendingInvoices';

/** Most status-history entries shown with an invoice (newest kept). */
export const INVOICE_HISTORY_MAX = 200;

/**
 * The caller's invoice from the view with its lines and status timeline, or
 * "pending" while an accepted CreateInvoice is not written yet. Another
 * organization's invoice is 404, exactly like one that does not exist.
 */
export async function getInvoice(id: string, organizationId: string): Promise<InvoiceDetailResource> {
  // Lines come from their own view (no foreign key: their sink may commit
  // first), read beside the invoice row.
  const [row, lines] = await Promise.all([
    useDb().invoice.findFirst({
      where: { id, organizationId },
      include: { account: { select: { accountNumber: true } } },
    }),
    useDb().invoiceLine.findMany({ where: { invoiceId: id, organizationId }, orderBy: { position: 'asc' } }),
  ]);
  if (!row) {
    const pending = await findPendingInvoice(id);
    if (pending && pending.organizationId === organizationId) {
      // No row yet: either the processor has not got to it, or it refused the CreateInvoice.
      const [rejection, failure] = await Promise.all([
        findInvoiceRejection(id),
        findCommandFailure(id, organizationId),
      ]);
      if (rejection) return { ...pendingInvoiceResource(pending), status: 'rejected', rejection };
      return { ...pendingInvoiceResource(pending), ...(failure ? { status: 'failed', failure } : {}) };
    }
    throw problems.notFound(`There is no invoice ${id}`, { name: 'params.id', reason: 'no such invoice' });
  }
  const [history, rejection] = await Promise.all([
    useDb().invoiceStatusHistory.findMany({
      where: { invoiceId: id, organizationId },
      orderBy: { version: 'desc' },
      take: INVOICE_HISTORY_MAX,
    }),
    findInvoiceRejection(id),
  ]);
  const currency = Currency.parse(row.currency);
  return {
    ...toInvoiceResource(row),
    lines: lines.map((line) => toInvoiceLineResource(line, currency)),
    history: history.reverse().map((entry) => toHistoryEntry(entry, currency)),
    rejection,
  };
}
