import type { InvoiceListQuery, InvoicePage } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { skipOf } from '../../utils/listQuery';
import { invoiceListOrderBy, invoiceListWhere, invoicePageLinks } from './invoiceListQuery';
import { toInvoiceResource } from './invoiceResources';

/** One page of the caller's invoices, filtered and sorted in SQL, with the total count for the pager. */
export async function listInvoices(query: InvoiceListQuery, organizationId: string): Promise<InvoicePage> {
  const where = invoiceListWhere(query, organizationId);
  const [rows, total] = await Promise.all([
    useDb().invoice.findMany({
      where,
      orderBy: invoiceListOrderBy(query.sort),
      skip: skipOf(query),
      take: query.limit,
      include: { account: { select: { accountNumber: true } } },
    }),
    useDb().invoice.count({ where }),
  ]);
  return {
    data: rows.map(toInvoiceResource),
    page: { page: query.page, limit: query.limit, total },
    links: invoicePageLinks(query, total),
  };
}
