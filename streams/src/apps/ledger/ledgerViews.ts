import type { ViewHandlers, ViewRow } from '../../runtime/index.ts';
import { AccountRow, BalanceRow, HoldState, TransactionRow } from './ledgerState.ts';

function live<T>(rows: readonly ViewRow[], parse: (value: unknown) => T): T[] {
  return rows.filter((row) => row.value !== null).map((row) => parse(row.value));
}

/** Newest row per key: a batch may hold several versions of one account. */
function latestBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

export const transactionsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = live(rows, (value) => TransactionRow.parse(value));
      if (items.length === 0) return;
      // One statement per batch; a row already there (replay) is left alone.
      await client.query(
        `INSERT INTO transactions (id, organization_id, account_id, transaction_type, amount, currency, description,
           reference_id, status, reason, balance_after, requested_at, processed_at, created_at, account_version)
         SELECT id, org, acc, kind, amount, cur, descr, ref, status, reason, after, req, proc, req, ver
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::text[], $7::text[], $8::text[],
                       $9::text[], $10::text[], $11::numeric[], $12::timestamptz[], $13::timestamptz[], $14::bigint[])
             AS u(id, org, acc, kind, amount, cur, descr, ref, status, reason, after, req, proc, ver)
         ON CONFLICT (id) DO NOTHING`,
        [
          items.map((t) => t.id),
          items.map((t) => t.organizationId),
          items.map((t) => t.accountId),
          items.map((t) => t.type),
          items.map((t) => t.amount),
          items.map((t) => t.currency),
          items.map((t) => t.description),
          items.map((t) => t.reference),
          items.map((t) => t.status),
          items.map((t) => t.reason),
          items.map((t) => t.balanceAfter),
          items.map((t) => t.requestedAt),
          items.map((t) => t.processedAt),
          items.map((t) => t.accountVersion ?? null),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM transactions');
    },
  },
};

export const balancesView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestBy(
        live(rows, (value) => BalanceRow.parse(value)),
        (row) => row.accountId,
      );
      if (items.length === 0) return;
      // The version guard keeps an older balance from ever overwriting a newer one.
      await client.query(
        `UPDATE billing_accounts AS b SET balance = u.balance, available_balance = u.available, version = u.version,
           updated_at = now()
           FROM unnest($1::uuid[], $2::numeric[], $3::bigint[], $4::numeric[]) AS u(id, balance, version, available)
          WHERE b.id = u.id AND b.version < u.version`,
        [
          items.map((row) => row.accountId),
          items.map((row) => row.balance),
          items.map((row) => row.version),
          items.map((row) => row.available ?? row.balance),
        ],
      );
    },
    async truncate(client) {
      await client.query('UPDATE billing_accounts SET balance = 0, available_balance = 0, version = 0');
    },
  },
  redis: {
    toHash(row) {
      if (row.value === null) return { key: `bs:account:${String(row.key)}`, fields: null };
      const balance = BalanceRow.parse(row.value);
      return {
        key: `bs:account:${balance.accountId}`,
        fields: {
          balance: balance.balance,
          available: balance.available ?? balance.balance,
          currency: balance.currency,
          version: String(balance.version),
        },
      };
    },
  },
};

export const holdsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestBy(
        live(rows, (value) => HoldState.parse(value)),
        (hold) => hold.id,
      );
      if (items.length === 0) return;
      // A hold moves forward only (pending → captured/voided/expired); a replayed pending row never undoes that.
      await client.query(
        `INSERT INTO holds AS h (id, organization_id, account_id, amount, captured_amount, currency, status, reason,
           expires_at, created_at, updated_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::numeric[], $6::text[], $7::text[],
                              $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, captured_amount = EXCLUDED.captured_amount,
           updated_at = EXCLUDED.updated_at
         WHERE h.status = 'pending'`,
        [
          items.map((h) => h.id),
          items.map((h) => h.organizationId),
          items.map((h) => h.accountId),
          items.map((h) => h.amount),
          items.map((h) => h.capturedAmount),
          items.map((h) => h.currency),
          items.map((h) => h.status),
          items.map((h) => h.reason),
          items.map((h) => new Date(h.expiresAtMs).toISOString()),
          items.map((h) => h.createdAt),
          items.map((h) => h.updatedAt),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM holds');
    },
  },
};

/**
 * The customer columns of billing_accounts. An account opened through the
 * API gets its row here; the balance columns stay the balances view's. The
 * details version keeps a replayed change from undoing a newer one.
 */
export const accountsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestBy(
        live(rows, (value) => AccountRow.parse(value)),
        (row) => row.accountId,
      );
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO billing_accounts AS b (id, organization_id, account_number, customer_name, currency, status,
           credit_limit, external_id, billing_email, address, tax_id, payment_terms_days, timezone, details_version,
           created_at, updated_at)
         SELECT id, org, num, name, cur, status, lim, ext, email, addr, tax, terms, tz, ver, at, at
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[],
                       $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::int[], $13::text[], $14::bigint[],
                       $15::timestamptz[])
             AS u(id, org, num, name, cur, status, lim, ext, email, addr, tax, terms, tz, ver, at)
         ON CONFLICT (id) DO UPDATE SET customer_name = EXCLUDED.customer_name, status = EXCLUDED.status,
           credit_limit = EXCLUDED.credit_limit, external_id = EXCLUDED.external_id,
           billing_email = EXCLUDED.billing_email, address = EXCLUDED.address, tax_id = EXCLUDED.tax_id,
           payment_terms_days = EXCLUDED.payment_terms_days, timezone = EXCLUDED.timezone,
           details_version = EXCLUDED.details_version, updated_at = EXCLUDED.updated_at
         WHERE b.details_version < EXCLUDED.details_version AND b.organization_id = EXCLUDED.organization_id`,
        [
          items.map((a) => a.accountId),
          items.map((a) => a.organizationId),
          items.map((a) => a.accountNumber),
          items.map((a) => a.legalName),
          items.map((a) => a.currency),
          items.map((a) => a.status),
          items.map((a) => a.creditLimit),
          items.map((a) => a.externalId),
          items.map((a) => a.billingEmail),
          items.map((a) => (a.address === null ? null : JSON.stringify(a.address))),
          items.map((a) => a.taxId),
          items.map((a) => a.paymentTermsDays),
          items.map((a) => a.timezone),
          items.map((a) => a.detailsVersion),
          items.map((a) => a.updatedAt),
        ],
      );
    },
    async truncate(client) {
      // Rows stay (the seed owns some, balances live beside them); a replay rewrites every detail.
      await client.query('UPDATE billing_accounts SET details_version = 0');
    },
  },
};
