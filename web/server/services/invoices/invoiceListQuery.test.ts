import { InvoiceListQuery } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { invoiceListOrderBy, invoiceListWhere, invoicePageLinks } from './invoiceListQuery';

const ORG = '00000000-0000-4000-8000-000000000001';
const ACCOUNT = '00000000-0000-4000-8000-0000000000aa';

describe('InvoiceListQuery', () => {
  it('defaults to the first page of 20, newest first', () => {
    expect(InvoiceListQuery.parse({})).toEqual({ page: 1, limit: 20, sort: '-createdAt' });
  });

  it('coerces query strings and names each bad field', () => {
    const parsed = InvoiceListQuery.safeParse({ page: '0', limit: '500', status: 'late', sort: 'price', from: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'from',
      'limit',
      'page',
      'sort',
      'status',
    ]);
  });

  it('refuses a date range that ends before it starts, on `to`', () => {
    const parsed = InvoiceListQuery.safeParse({ from: '2026-12-01', to: '2026-11-01' });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['to']);
  });
});

describe('invoiceListWhere', () => {
  it('always scopes to the organization, even without filters', () => {
    expect(invoiceListWhere(InvoiceListQuery.parse({}), ORG)).toEqual({ organizationId: ORG });
  });

  it('maps every filter to its column', () => {
    const query = InvoiceListQuery.parse({
      status: 'overdue',
      accountId: ACCOUNT,
      from: '2026-11-01',
      to: '2026-11-30',
      search: ' inv-2026 ',
    });
    expect(invoiceListWhere(query, ORG)).toEqual({
      organizationId: ORG,
      status: 'overdue',
      accountId: ACCOUNT,
      issueDate: { gte: new Date('2026-11-01T00:00:00Z'), lte: new Date('2026-11-30T00:00:00Z') },
      invoiceNumber: { contains: 'inv-2026', mode: 'insensitive' },
    });
  });

  it('searches the number by `q` (the search box of every list), which wins over the older `search`', () => {
    const byQ = invoiceListWhere(InvoiceListQuery.parse({ q: ' inv-2026 ' }), ORG);
    expect(byQ.invoiceNumber).toEqual({ contains: 'inv-2026', mode: 'insensitive' });
    const both = invoiceListWhere(InvoiceListQuery.parse({ q: 'INV-1', search: 'INV-2' }), ORG);
    expect(both.invoiceNumber).toEqual({ contains: 'INV-1', mode: 'insensitive' });
    expect(InvoiceListQuery.parse({ q: '  ' }).q).toBeUndefined();
  });

  it('takes an open-ended date range', () => {
    const where = invoiceListWhere(InvoiceListQuery.parse({ from: '2026-11-01' }), ORG);
    expect(where.issueDate).toEqual({ gte: new Date('2026-11-01T00:00:00Z') });
  });
});

describe('invoiceListOrderBy', () => {
  it('sorts nullable columns with nulls last and breaks ties by id in the same direction', () => {
    expect(invoiceListOrderBy('-issueDate')).toEqual([{ issueDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }]);
    expect(invoiceListOrderBy('number')).toEqual([{ invoiceNumber: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }]);
  });

  it('sorts required columns plainly', () => {
    expect(invoiceListOrderBy('-total')).toEqual([{ totalAmount: 'desc' }, { id: 'desc' }]);
    expect(invoiceListOrderBy('createdAt')).toEqual([{ createdAt: 'asc' }, { id: 'asc' }]);
  });

  it('treats an unknown sort as a bug (the schema lets none through)', () => {
    expect(() => invoiceListOrderBy('-price')).toThrow(/unknown invoice sort/);
  });
});

describe('invoicePageLinks', () => {
  it('carries filters and sort into next/prev and stops at the last page', () => {
    const query = InvoiceListQuery.parse({ status: 'open', page: '2', limit: '10', sort: 'total' });
    const links = invoicePageLinks(query, 25);
    expect(links.self).toBe('/api/v1/invoices?status=open&sort=total&limit=10&page=2');
    expect(links.next).toBe('/api/v1/invoices?status=open&sort=total&limit=10&page=3');
    expect(links.prev).toBe('/api/v1/invoices?status=open&sort=total&limit=10&page=1');
    expect(invoicePageLinks({ ...query, page: 3 }, 25).next).toBeNull();
    expect(invoicePageLinks({ ...query, page: 1 }, 25).prev).toBeNull();
  });
});
