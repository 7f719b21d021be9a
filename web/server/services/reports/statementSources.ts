import { assert } from '../../utils/assert';
import { useDb } from '../../utils/db';
import { type ReportSource, split, toRows } from './reportSources';

/**
 * An account's statement: its completed transactions (signed, with the
 * balance after each) and the invoices issued to it, in time order.
 */
export const accountStatement: ReportSource = {
  header: ['at', 'kind', 'id', 'detail', 'description', 'reference', 'currency', 'amount', 'balance_after'],
  async count(job) {
    assert(job.accountId !== null, 'a statement names its account');
    const [row] = await useDb().$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM transactions WHERE organization_id = ${job.organizationId}::uuid
                 AND account_id = ${job.accountId}::uuid AND status = 'completed'
                 AND processed_at >= ${job.from}::date AND processed_at < ${job.to}::date + 1)::int
           + (SELECT count(*) FROM invoices WHERE organization_id = ${job.organizationId}::uuid
                 AND account_id = ${job.accountId}::uuid AND status <> 'draft'
                 AND issue_date BETWEEN ${job.from}::date AND ${job.to}::date)::int AS n`;
    return row?.n ?? 0;
  },
  async page(job, after, limit) {
    const [at, id] = split(after);
    return toRows(
      await useDb().$queryRaw`
      WITH entries AS (
        SELECT t.processed_at AS at, t.id, 'transaction' AS kind, t.transaction_type AS detail,
               t.description, t.reference_id AS reference, t.currency,
               CASE WHEN t.transaction_type = 'credit' THEN t.amount ELSE -t.amount END AS amount, t.balance_after
          FROM transactions t
         WHERE t.organization_id = ${job.organizationId}::uuid AND t.account_id = ${job.accountId}::uuid
           AND t.status = 'completed' AND t.processed_at >= ${job.from}::date AND t.processed_at < ${job.to}::date + 1
        UNION ALL
        SELECT (i.issue_date::timestamp AT TIME ZONE 'UTC'), i.id, 'invoice', i.status, i.memo, i.invoice_number,
               i.currency, i.total_amount, NULL
          FROM invoices i
         WHERE i.organization_id = ${job.organizationId}::uuid AND i.account_id = ${job.accountId}::uuid
           AND i.status <> 'draft' AND i.issue_date BETWEEN ${job.from}::date AND ${job.to}::date)
      SELECT to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '|' || e.id AS cursor,
             json_build_array(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.kind, e.id, e.detail,
               e.description, e.reference, e.currency, e.amount::text, e.balance_after::text) AS values
        FROM entries e
       WHERE (e.at, e.id) > (${at}::timestamptz, ${id}::uuid)
       ORDER BY e.at, e.id LIMIT ${limit}`,
    );
  },
};

/** Tax per tax category, rate and currency of the invoices issued in the range (not void). */
export const taxSummary: ReportSource = {
  header: ['tax_category', 'tax_rate', 'currency', 'invoices', 'lines', 'net', 'tax', 'gross'],
  async count(job) {
    const [row] = await useDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.organization_id = ${job.organizationId}::uuid AND i.status NOT IN ('draft', 'void')
         AND i.issue_date BETWEEN ${job.from}::date AND ${job.to}::date
       GROUP BY l.tax_category, l.tax_rate, i.currency) g`;
    return row?.n ?? 0;
  },
  async page(job, after, limit) {
    // Cursor: category|rate|currency, the grouping key in its sort order.
    const [category, rate, currency] = (after ?? '||').split('|') as [string, string, string];
    return toRows(
      await useDb().$queryRaw`
      SELECT l.tax_category || '|' || l.tax_rate::text || '|' || i.currency AS cursor,
             json_build_array(l.tax_category, l.tax_rate::text, i.currency, count(DISTINCT i.id), count(*),
               sum(l.subtotal - l.discount_amount)::text, sum(l.tax_amount)::text, sum(l.total)::text) AS values
        FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
       WHERE i.organization_id = ${job.organizationId}::uuid AND l.organization_id = ${job.organizationId}::uuid
         AND i.status NOT IN ('draft', 'void') AND i.issue_date BETWEEN ${job.from}::date AND ${job.to}::date
       GROUP BY l.tax_category, l.tax_rate, i.currency
      HAVING ${after === null} OR (l.tax_category, l.tax_rate::text, i.currency) > (${category}, ${rate}, ${currency})
       ORDER BY l.tax_category, l.tax_rate::text, i.currency LIMIT ${limit}`,
    );
  },
};
