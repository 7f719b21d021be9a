/**
 * Large invoices: `count` invoices of `lines` lines each, posted together;
 * measured from the first POST until every invoice is issued in its view with
 * all of its lines, as lines per second.
 */
import type pg from 'pg';
import { invoiceBody, type LoadFixture, postCommand } from './load.ts';

export interface LargeResult {
  readonly invoices: number;
  readonly linesPerInvoice: number;
  readonly visible: number;
  readonly elapsedMs: number;
  readonly linesPerSec: number;
  /** POST → 202 of each 1,000-line body, ms. */
  readonly acceptMs: readonly number[];
}

const VISIBLE_QUERY = `
  SELECT i.id::text AS id
    FROM invoices i
   WHERE i.id = ANY($1::uuid[]) AND i.status <> 'draft'
     AND (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id) = $2`;

export async function runLargeInvoices(
  fixture: LoadFixture,
  pool: pg.Pool,
  plan: {
    readonly invoices: number;
    readonly lines: number;
    readonly pollIntervalMs: number;
    readonly limitMs: number;
  },
): Promise<LargeResult> {
  if (plan.invoices <= 0 || plan.lines <= 0) throw new Error('a large-invoice run needs invoices and lines');
  const startMs = performance.now();
  const acceptMs: number[] = [];
  const answers = await Promise.all(
    Array.from({ length: plan.invoices }, async (_, seq) => {
      const accountId = fixture.invoiceAccounts[seq % fixture.invoiceAccounts.length]!;
      const sentMs = performance.now();
      const answer = await postCommand(
        fixture,
        '/api/v1/invoices',
        invoiceBody(accountId, fixture.productIds, plan.lines, seq),
      );
      acceptMs.push(performance.now() - sentMs);
      return answer;
    }),
  );
  const ids = answers.flatMap((answer) => ('id' in answer ? [answer.id] : []));
  if (ids.length !== plan.invoices) {
    const statuses = answers.flatMap((answer) => ('status' in answer ? [answer.status] : []));
    throw new Error(`large invoices refused: ${statuses.join(', ')}`);
  }
  const visible = new Set<string>();
  const deadline = startMs + plan.limitMs;
  while (visible.size < ids.length && performance.now() < deadline) {
    const { rows } = await pool.query<{ id: string }>(VISIBLE_QUERY, [ids, plan.lines]);
    for (const row of rows) visible.add(row.id);
    if (visible.size < ids.length) await new Promise((resolve) => setTimeout(resolve, plan.pollIntervalMs));
  }
  const elapsedMs = performance.now() - startMs;
  return {
    invoices: plan.invoices,
    linesPerInvoice: plan.lines,
    visible: visible.size,
    elapsedMs,
    linesPerSec: (visible.size * plan.lines) / (elapsedMs / 1000),
    acceptMs,
  };
}
