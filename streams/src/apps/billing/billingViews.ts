import { InvoiceSnapshot } from '@billstream/contracts';
import type { ViewHandlers, ViewRow } from '../../runtime/index.ts';
import { ClockRow, HistoryRow, InvoiceLinesRow, RejectionRow, ReminderRow } from './billingState.ts';

function live<T>(rows: readonly ViewRow[], parse: (value: unknown) => T): T[] {
  return rows.filter((row) => row.value !== null).map((row) => parse(row.value));
}

/** Newest row per key: a batch may hold several versions of one invoice. */
function latestBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

export const invoicesView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestBy(
        live(rows, (value) => InvoiceSnapshot.parse(value)),
        (invoice) => invoice.id,
      );
      if (items.length === 0) return;
      const column = <T>(pick: (invoice: InvoiceSnapshot) => T) => items.map(pick);
      // The version guard keeps an older snapshot from ever overwriting a newer one (replays, rebuilds).
      await client.query(
        `INSERT INTO invoices AS i (id, organization_id, account_id, invoice_number, currency, price_mode, status,
           subtotal_amount, discount_amount, tax_amount, total_amount, credited_amount, amount_paid, amount_due,
           issue_date, due_date, memo, version, voided_at, paid_at, created_at, updated_at,
           collection, payment_attempts, next_payment_attempt_at, last_payment_error)
         SELECT id, org, acc, num, cur, mode, status, sub, disc, tax, total, cred, paid, due, issue, due_on, memo, ver,
                CASE WHEN status = 'void' THEN at END, CASE WHEN status = 'paid' THEN at END, at, at,
                coll, tries, next_try, err
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[],
                       $14::numeric[], $15::date[], $16::date[], $17::text[], $18::int[], $19::timestamptz[],
                       $20::text[], $21::int[], $22::timestamptz[], $23::text[])
             AS u(id, org, acc, num, cur, mode, status, sub, disc, tax, total, cred, paid, due, issue, due_on, memo, ver, at,
                  coll, tries, next_try, err)
         ON CONFLICT (id) DO UPDATE SET invoice_number = EXCLUDED.invoice_number, status = EXCLUDED.status,
           payment_attempts = EXCLUDED.payment_attempts, next_payment_attempt_at = EXCLUDED.next_payment_attempt_at,
           last_payment_error = EXCLUDED.last_payment_error,
           credited_amount = EXCLUDED.credited_amount, amount_paid = EXCLUDED.amount_paid,
           amount_due = EXCLUDED.amount_due, issue_date = EXCLUDED.issue_date, due_date = EXCLUDED.due_date,
           version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,
           voided_at = COALESCE(i.voided_at, EXCLUDED.voided_at),
           paid_at = CASE WHEN EXCLUDED.status = 'paid' THEN COALESCE(i.paid_at, EXCLUDED.updated_at) END
         WHERE i.version < EXCLUDED.version`,
        [
          column((i) => i.id),
          column((i) => i.organizationId),
          column((i) => i.accountId),
          column((i) => i.invoiceNumber),
          column((i) => i.currency),
          column((i) => i.priceMode),
          column((i) => i.status),
          column((i) => i.subtotal),
          column((i) => i.discount),
          column((i) => i.tax),
          column((i) => i.total),
          column((i) => i.credited),
          column((i) => i.paid),
          column((i) => i.due),
          column((i) => i.issueDate),
          column((i) => i.dueDate),
          column((i) => i.memo),
          column((i) => i.version),
          column((i) => i.updatedAt),
          column((i) => i.collection),
          column((i) => i.paymentAttempts),
          column((i) => i.nextPaymentAttemptAt),
          column((i) => i.lastPaymentError),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM invoices');
    },
  },
};

export const invoiceLinesView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const lines = live(rows, (value) => InvoiceLinesRow.parse(value)).flatMap((row) =>
        row.lines.map((line) => ({ ...line, invoiceId: row.invoiceId, organizationId: row.organizationId })),
      );
      if (lines.length === 0) return;
      const column = <T>(pick: (line: (typeof lines)[number]) => T) => lines.map(pick);
      // Lines are written once, with their invoice's first snapshot; a replay leaves them alone.
      await client.query(
        `INSERT INTO invoice_lines (organization_id, invoice_id, position, product_id, description, quantity, unit_price,
           tax_category, tax_rate, subtotal, discount_amount, tax_amount, total)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[],
                              $8::text[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[])
         ON CONFLICT (invoice_id, position) DO NOTHING`,
        [
          column((l) => l.organizationId),
          column((l) => l.invoiceId),
          column((l) => l.position),
          column((l) => l.productId),
          column((l) => l.description),
          column((l) => l.quantity),
          column((l) => l.unitPrice),
          column((l) => l.taxCategory),
          column((l) => l.taxRate),
          column((l) => l.subtotal),
          column((l) => l.discount),
          column((l) => l.taxAmount),
          column((l) => l.total),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM invoice_lines');
    },
  },
};

export const statusHistoryView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = live(rows, (value) => HistoryRow.parse(value));
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO invoice_status_history (invoice_id, version, organization_id, status, event_type, amount, detail, occurred_at)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::numeric[], $7::text[],
                              $8::timestamptz[])
         ON CONFLICT (invoice_id, version) DO NOTHING`,
        [
          items.map((h) => h.invoiceId),
          items.map((h) => h.version),
          items.map((h) => h.organizationId),
          items.map((h) => h.status),
          items.map((h) => h.eventType),
          items.map((h) => h.amount),
          items.map((h) => h.detail),
          items.map((h) => h.occurredAt),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM invoice_status_history');
    },
  },
};

export const testClocksView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestBy(
        live(rows, (value) => ClockRow.parse(value)),
        (clock) => clock.organizationId,
      );
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO test_clocks AS c (organization_id, now_at, updated_at)
         SELECT org, now_at, now() FROM unnest($1::uuid[], $2::timestamptz[]) AS u(org, now_at)
         ON CONFLICT (organization_id) DO UPDATE SET now_at = GREATEST(c.now_at, EXCLUDED.now_at), updated_at = now()`,
        [items.map((c) => c.organizationId), items.map((c) => c.nowAt)],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM test_clocks');
    },
  },
};

/**
 * Dunning reminders land in the mail outbox (the dev outbox admins read; the
 * web mailer relays it when SMTP is configured). The recipient is the
 * account owner's address, else the organization's first admin.
 */
export const remindersView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = live(rows, (value) => ReminderRow.parse(value));
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO mail_outbox (id, organization_id, to_address, subject, text_body, kind)
         SELECT u.id, u.org,
                COALESCE(owner.email, (SELECT email FROM users WHERE organization_id = u.org ORDER BY created_at LIMIT 1),
                         'billing@localhost'),
                CASE WHEN u.offset_days < 0 THEN 'Invoice ' || u.num || ' is due on ' || u.due_on
                     WHEN u.offset_days = 0 THEN 'Invoice ' || u.num || ' is due today'
                     ELSE 'Invoice ' || u.num || ' is overdue' END,
                'Invoice ' || u.num || ': ' || u.due || ' ' || u.cur || ' is due on ' || u.due_on || '.',
                'invoice_reminder'
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
             AS u(id, org, acc, num, offset_days, due, cur, due_on)
           LEFT JOIN billing_accounts b ON b.id = u.acc
           LEFT JOIN users owner ON owner.id = b.user_id
         ON CONFLICT (id) DO NOTHING`,
        [
          items.map((r) => r.id),
          items.map((r) => r.organizationId),
          items.map((r) => r.accountId),
          items.map((r) => r.invoiceNumber),
          items.map((r) => r.offsetDays),
          items.map((r) => r.due),
          items.map((r) => r.currency),
          items.map((r) => r.dueDate),
        ],
      );
    },
    async truncate(client) {
      await client.query(`DELETE FROM mail_outbox WHERE kind = 'invoice_reminder'`);
    },
  },
};

export const rejectionsView: ViewHandlers = {
  redis: {
    toHash(row) {
      if (row.value === null) return { key: `bs:billing-rejection:${String(row.key)}`, fields: null };
      const rejection = RejectionRow.parse(row.value);
      return {
        key: `bs:billing-rejection:${rejection.invoiceId}`,
        fields: { command: rejection.command, reason: rejection.reason, detail: rejection.detail, at: rejection.at },
      };
    },
  },
};
