import { useDb } from '../../utils/db';
import { getInvoice } from './getInvoice';
import { customerLines, sellerLines } from './partyDetails';
import type { InvoiceDocument } from './renderInvoiceDocument';

/** The caller's invoice with the seller's and the customer's details (404 as getInvoice). */
export async function loadInvoiceDocument(id: string, organizationId: string): Promise<InvoiceDocument> {
  const invoice = await getInvoice(id, organizationId);
  const [organization, account] = await Promise.all([
    useDb().organization.findUnique({ where: { id: organizationId }, select: { name: true } }),
    useDb().billingAccount.findFirst({
      where: { id: invoice.accountId, organizationId },
      select: { customerName: true, address: true, taxId: true, billingEmail: true },
    }),
  ]);
  return {
    invoice,
    organizationName: organization?.name ?? '',
    customerName: account?.customerName ?? null,
    sellerLines: sellerLines(),
    customerLines: account ? customerLines(account) : [],
  };
}
