import type { TopQuery, TopRowResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';

/**
 * Products and categories by invoiced revenue (line totals, tax included) of
 * invoices issued in the range and not voided. Computed in SQL over the
 * billing app's invoice_lines view: billing-events carry only the invoice
 * snapshot, not its lines, so a stream aggregate would need a new event.
 */
export async function topSellers(
  organizationId: string,
  query: TopQuery,
): Promise<{ products: TopRowResource[]; categories: TopRowResource[] }> {
  const db = useDb();
  const products = await db.$queryRaw<TopRowResource[]>`
    SELECT l.product_id::text AS id, coalesce(p.name, l.description) AS name, i.currency,
           sum(l.total)::text AS revenue, sum(l.quantity)::text AS quantity
      FROM invoice_lines l
      JOIN invoices i ON i.id = l.invoice_id AND i.organization_id = ${organizationId}::uuid
      LEFT JOIN products p ON p.id = l.product_id AND p.organization_id = ${organizationId}::uuid
     WHERE l.organization_id = ${organizationId}::uuid AND i.status NOT IN ('draft', 'void')
       AND i.issue_date BETWEEN ${query.from}::date AND ${query.to}::date
     GROUP BY l.product_id, coalesce(p.name, l.description), i.currency
     ORDER BY sum(l.total) DESC, name LIMIT ${query.limit}`;
  const categories = await db.$queryRaw<TopRowResource[]>`
    SELECT c.id::text AS id, coalesce(c.name, 'Uncategorized') AS name, i.currency,
           sum(l.total)::text AS revenue, sum(l.quantity)::text AS quantity
      FROM invoice_lines l
      JOIN invoices i ON i.id = l.invoice_id AND i.organization_id = ${organizationId}::uuid
      LEFT JOIN products p ON p.id = l.product_id AND p.organization_id = ${organizationId}::uuid
      LEFT JOIN categories c ON c.id = p.category_id AND c.organization_id = ${organizationId}::uuid
     WHERE l.organization_id = ${organizationId}::uuid AND i.status NOT IN ('draft', 'void')
       AND i.issue_date BETWEEN ${query.from}::date AND ${query.to}::date
     GROUP BY c.id, coalesce(c.name, 'Uncategorized'), i.currency
     ORDER BY sum(l.total) DESC, name LIMIT ${query.limit}`;
  return { products, categories };
}
