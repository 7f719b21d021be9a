import type { InvoiceListQuery } from '@billstream/contracts';

/** The Prisma `where` of a list query: always the caller's organization, then the filters. */
export function invoiceListWhere(query: InvoiceListQuery, organizationId: string) {
  const issueDate =
    query.from || query.to
      ? {
          ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
          ...(query.to ? { lte: new Date(`${query.to}T00:00:00Z`) } : {}),
        }
      : undefined;
  const search = query.q ?? query.search;
  return {
    organizationId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.accountId ? { accountId: query.accountId } : {}),
    ...(issueDate ? { issueDate } : {}),
    ...(search ? { invoiceNumber: { contains: search, mode: 'insensitive' as const } } : {}),
  };
}

const SORT_COLUMNS = {
  issueDate: 'issueDate',
  dueDate: 'dueDate',
  number: 'invoiceNumber',
  total: 'totalAmount',
  createdAt: 'createdAt',
} as const;

const NULLABLE: ReadonlySet<string> = new Set(['issueDate', 'dueDate', 'invoiceNumber']);

/**
 * The Prisma `orderBy` of a sort key ("-total" is descending). Rows without
 * the column (drafts have no number or dates) come last either way, and the
 * id breaks ties so that pages never overlap.
 */
export function invoiceListOrderBy(sort: string) {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[field];
  if (!column) throw new Error(`unknown invoice sort ${sort}`);
  const direction = descending ? ('desc' as const) : ('asc' as const);
  // Prisma accepts `nulls` on nullable columns only.
  const order = NULLABLE.has(column) ? { sort: direction, nulls: 'last' as const } : direction;
  return [{ [column]: order }, { id: direction }];
}

/** Links of a page, carrying the filters and sort so the next page lists alike. */
export function invoicePageLinks(query: InvoiceListQuery, total: number) {
  const base = new URLSearchParams();
  for (const name of ['status', 'accountId', 'from', 'to', 'q', 'search', 'sort'] as const) {
    const value = query[name];
    if (value) base.set(name, value);
  }
  base.set('limit', String(query.limit));
  const at = (page: number) => {
    const params = new URLSearchParams(base);
    params.set('page', String(page));
    return `/api/v1/invoices?${params.toString()}`;
  };
  return {
    self: at(query.page),
    next: query.page * query.limit < total ? at(query.page + 1) : null,
    prev: query.page > 1 ? at(query.page - 1) : null,
  };
}
