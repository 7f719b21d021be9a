import type { ViewHandlers, ViewRow } from '../../runtime/kafka/viewSink.ts';
import { BalanceRow, TransactionRow } from './ledgerState.ts';

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
           reference_id, status, reason, balance_after, requested_at, processed_at, created_at)
         SELECT id, org, acc, kind, amount, cur, descr, ref, status, reason, after, req, proc, req
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::text[], $7::text[], $8::text[],
                       $9::text[], $10::text[], $11::numeric[], $12::timestamptz[], $13::timestamptz[])
             AS u(id, org, acc, kind, amount, cur, descr, ref, status, reason, after, req, proc)
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
        `UPDATE billing_accounts AS b SET balance = u.balance, available_balance = u.balance, version = u.version,
           updated_at = now()
           FROM unnest($1::uuid[], $2::numeric[], $3::bigint[]) AS u(id, balance, version)
          WHERE b.id = u.id AND b.version < u.version`,
        [items.map((row) => row.accountId), items.map((row) => row.balance), items.map((row) => row.version)],
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
        fields: { balance: balance.balance, currency: balance.currency, version: String(balance.version) },
      };
    },
  },
};
