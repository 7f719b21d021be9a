import type { ReportJob } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Keyed } from './pager';

export type Row = Keyed & { readonly values: readonly (string | number | null)[] };

/** A report kind: its CSV header, how many rows it will have, and its pages in keyset order. */
export interface ReportSource {
  readonly header: readonly string[];
  count(job: ReportJob): Promise<number>;
  page(job: ReportJob, after: string | null, limit: number): Promise<Row[]>;
}

/** Cursors of rows ordered by (time or day, id); these sort before every real row. */
const NIL = '00000000-0000-0000-0000-000000000000';
export const FIRST_TIME = `1970-01-01T00:00:00.000Z|${NIL}`;
export const FIRST_DAY = `1970-01-01|${NIL}`;
export const split = (after: string | null, first = FIRST_TIME) => (after ?? first).split('|') as [string, string];
export const toRows = (rows: { cursor: string; values: (string | number | null)[] }[]): Row[] => rows;

const invoiceRegister: ReportSource = {
  header: [
    'invoice_number',
    'issue_date',
    'due_date',
    'account_number',
    'status',
    'currency',
    'subtotal',
    'discount',
    'tax',
    'total',
    'credited',
    'paid',
    'due',
  ],
  async count(job) {
    const [row] = await useDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM invoices WHERE organization_id = ${job.organizationId}::uuid
         AND status <> 'draft' AND issue_date BETWEEN ${job.from}::date AND ${job.to}::date`;
    return row?.n ?? 0;
  },
  async page(job, after, limit) {
    const [at, id] = split(after, FIRST_DAY);
    return toRows(
      await useDb().$queryRaw`
      SELECT to_char(i.issue_date, 'YYYY-MM-DD') || '|' || i.id AS cursor,
             json_build_array(i.invoice_number, to_char(i.issue_date, 'YYYY-MM-DD'), to_char(i.due_date, 'YYYY-MM-DD'),
               a.account_number, i.status, i.currency, i.subtotal_amount::text, i.discount_amount::text,
               i.tax_amount::text, i.total_amount::text, i.credited_amount::text, i.amount_paid::text,
               i.amount_due::text) AS values
        FROM invoices i JOIN billing_accounts a ON a.id = i.account_id
       WHERE i.organization_id = ${job.organizationId}::uuid AND i.status <> 'draft'
         AND i.issue_date BETWEEN ${job.from}::date AND ${job.to}::date
         AND (i.issue_date, i.id) > (${at}::date, ${id}::uuid)
       ORDER BY i.issue_date, i.id LIMIT ${limit}`,
    );
  },
};

/** Payments and refunds created in the range, one timeline (refunds as negative amounts). */
const paymentsRefunds: ReportSource = {
  header: [
    'kind',
    'id',
    'created_at',
    'payment_id',
    'account_number',
    'invoice_number',
    'currency',
    'amount',
    'status',
    'gateway',
    'failure_code',
  ],
  async count(job) {
    const [row] = await useDb().$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM payments WHERE organization_id = ${job.organizationId}::uuid
                 AND created_at >= ${job.from}::date AND created_at < ${job.to}::date + 1)::int
           + (SELECT count(*) FROM refunds WHERE organization_id = ${job.organizationId}::uuid
                 AND created_at >= ${job.from}::date AND created_at < ${job.to}::date + 1)::int AS n`;
    return row?.n ?? 0;
  },
  async page(job, after, limit) {
    const [at, id] = split(after);
    return toRows(
      await useDb().$queryRaw`
      WITH moves AS (
        SELECT 'payment' AS kind, p.id, p.created_at, p.id AS payment_id, p.account_id, p.invoice_id, p.currency,
               p.amount, p.status, p.gateway, p.failure_code
          FROM payments p WHERE p.organization_id = ${job.organizationId}::uuid
           AND p.created_at >= ${job.from}::date AND p.created_at < ${job.to}::date + 1
        UNION ALL
        SELECT 'refund', r.id, r.created_at, r.payment_id, p.account_id, p.invoice_id, p.currency, -r.amount,
               r.status, p.gateway, NULL
          FROM refunds r JOIN payments p ON p.id = r.payment_id
         WHERE r.organization_id = ${job.organizationId}::uuid
           AND r.created_at >= ${job.from}::date AND r.created_at < ${job.to}::date + 1)
      SELECT to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || m.id AS cursor,
             json_build_array(m.kind, m.id, to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               m.payment_id, a.account_number, i.invoice_number, m.currency, m.amount::text, m.status, m.gateway,
               m.failure_code) AS values
        FROM moves m JOIN billing_accounts a ON a.id = m.account_id LEFT JOIN invoices i ON i.id = m.invoice_id
       WHERE (m.created_at, m.id) > (${at}::timestamptz, ${id}::uuid)
       ORDER BY m.created_at, m.id LIMIT ${limit}`,
    );
  },
};

export const invoiceRegisterSource = invoiceRegister;
export const paymentsRefundsSource = paymentsRefunds;
