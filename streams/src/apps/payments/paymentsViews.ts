import { PaymentSnapshot, RefundSnapshot } from '@billstream/contracts';
import { AttemptRow } from '@billstream/payments';
import type { ViewHandlers, ViewRow } from '../../runtime/index.ts';
import { HistoryRow, RejectionRow } from './paymentsOutputs.ts';

function live<T>(rows: readonly ViewRow[], parse: (value: unknown) => T): T[] {
  return rows.filter((row) => row.value !== null).map((row) => parse(row.value));
}

/** Newest row per key: a batch may hold several versions of one payment. */
function latestBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

export const paymentsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestBy(
        live(rows, (value) => PaymentSnapshot.parse(value)),
        (payment) => payment.id,
      );
      if (items.length === 0) return;
      const column = <T>(pick: (payment: PaymentSnapshot) => T) => items.map(pick);
      // The version guard keeps an older snapshot from ever overwriting a newer one (replays, rebuilds).
      await client.query(
        `INSERT INTO payments AS p (id, organization_id, account_id, invoice_id, amount, amount_capturable, amount_captured,
           amount_refunded, currency, status, capture_method, gateway, payment_method_id, failure_code, failure_message,
           version, created_at, updated_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::numeric[], $6::numeric[], $7::numeric[],
                              $8::numeric[], $9::text[], $10::text[], $11::text[], $12::text[], $13::uuid[], $14::text[],
                              $15::text[], $16::int[], $17::timestamptz[], $18::timestamptz[])
         ON CONFLICT (id) DO UPDATE SET amount_capturable = EXCLUDED.amount_capturable,
           amount_captured = EXCLUDED.amount_captured, amount_refunded = EXCLUDED.amount_refunded,
           status = EXCLUDED.status, gateway = EXCLUDED.gateway, payment_method_id = EXCLUDED.payment_method_id,
           failure_code = EXCLUDED.failure_code, failure_message = EXCLUDED.failure_message,
           version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
         WHERE p.version < EXCLUDED.version`,
        [
          column((p) => p.id),
          column((p) => p.organizationId),
          column((p) => p.accountId),
          column((p) => p.invoiceId),
          column((p) => p.amount),
          column((p) => p.amountCapturable),
          column((p) => p.amountCaptured),
          column((p) => p.amountRefunded),
          column((p) => p.currency),
          column((p) => p.status),
          column((p) => p.captureMethod),
          column((p) => p.gateway),
          column((p) => p.paymentMethodId),
          column((p) => p.failureCode),
          column((p) => p.failureMessage),
          column((p) => p.version),
          column((p) => p.createdAt),
          column((p) => p.updatedAt),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM refunds');
      await client.query('DELETE FROM payments');
    },
  },
};

export const refundsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestBy(
        live(rows, (value) => RefundSnapshot.parse(value)),
        (refund) => refund.id,
      );
      if (items.length === 0) return;
      // A refund leaves `pending` once; a replayed pending row never undoes its outcome.
      await client.query(
        `INSERT INTO refunds AS r (id, organization_id, payment_id, amount, currency, status, reason, failure_code,
           created_at, updated_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::timestamptz[], $10::timestamptz[])
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, failure_code = EXCLUDED.failure_code,
           updated_at = EXCLUDED.updated_at
         WHERE r.status = 'pending'`,
        [
          items.map((r) => r.id),
          items.map((r) => r.organizationId),
          items.map((r) => r.paymentId),
          items.map((r) => r.amount),
          items.map((r) => r.currency),
          items.map((r) => r.status),
          items.map((r) => r.reason),
          items.map((r) => r.failureCode),
          items.map((r) => r.createdAt),
          items.map((r) => r.updatedAt),
        ],
      );
    },
    async truncate() {
      // Emptied together with payments (refunds reference them).
    },
  },
};

export const historyView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = live(rows, (value) => HistoryRow.parse(value));
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO payment_status_history (payment_id, version, organization_id, status, detail, occurred_at)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[])
         ON CONFLICT (payment_id, version) DO NOTHING`,
        [
          items.map((h) => h.paymentId),
          items.map((h) => h.version),
          items.map((h) => h.organizationId),
          items.map((h) => h.status),
          items.map((h) => h.detail),
          items.map((h) => h.occurredAt),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM payment_status_history');
    },
  },
};

export const attemptsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = live(rows, (value) => AttemptRow.parse(value));
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO payment_attempts (request_id, payment_id, organization_id, gateway, operation, outcome, code, occurred_at)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::timestamptz[])
         ON CONFLICT (request_id) DO NOTHING`,
        [
          items.map((a) => a.requestId),
          items.map((a) => a.paymentId),
          items.map((a) => a.organizationId),
          items.map((a) => a.gateway),
          items.map((a) => a.operation),
          items.map((a) => a.outcome),
          items.map((a) => a.code),
          items.map((a) => a.occurredAt),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM payment_attempts');
    },
  },
};

export const rejectionsView: ViewHandlers = {
  redis: {
    toHash(row) {
      if (row.value === null) return { key: `bs:payment-rejection:${String(row.key)}`, fields: null };
      const rejection = RejectionRow.parse(row.value);
      return {
        key: `bs:payment-rejection:${rejection.subjectId}`,
        fields: { command: rejection.command, reason: rejection.reason, detail: rejection.detail, at: rejection.at },
      };
    },
  },
};
