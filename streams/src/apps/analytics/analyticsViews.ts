import { z } from 'zod';
import type { ViewHandlers, ViewRow } from '../../runtime/index.ts';
import { PaymentHour, Receivable, RevenueDay, TransactionMinute } from './analyticsState.ts';

/** A windowed view row's key as the view topic carries it. */
const WindowedKey = z.object({
  key: z.string(),
  window: z.object({ startMs: z.number().int().min(0), endMs: z.number().int() }),
});

interface Windowed<T> {
  readonly startMs: number;
  readonly value: T;
}

/** Newest row per window and key: a batch may hold several versions of one window. */
function latestWindows<T>(rows: readonly ViewRow[], parse: (value: unknown) => T): Windowed<T>[] {
  const latest = new Map<string, Windowed<T>>();
  for (const row of rows) {
    if (row.value === null) continue;
    const key = WindowedKey.parse(row.key);
    latest.set(`${key.key}@${key.window.startMs}`, { startMs: key.window.startMs, value: parse(row.value) });
  }
  return [...latest.values()];
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

/** Redis key of a live dashboard figure: `bs:analytics:<kind>:<org>:<window start ms>:<currency or gateway>`. */
export function liveKey(kind: 'revenue' | 'tx' | 'payments', organizationId: string, startMs: number, second: string) {
  return `bs:analytics:${kind}:${organizationId}:${startMs}:${second}`;
}

/**
 * How long live hashes stay in Redis: the dashboard reads recent windows
 * there; PostgreSQL keeps the history.
 */
export const LIVE_TTL_SECONDS = { revenue: 35 * 86_400, tx: 2 * 86_400, payments: 8 * 86_400 } as const;

function windowedRedis<T>(
  kind: 'revenue' | 'tx' | 'payments',
  parse: (value: unknown) => T,
  fields: (value: T) => Record<string, string>,
): ViewHandlers['redis'] {
  return {
    ttlSeconds: LIVE_TTL_SECONDS[kind],
    toHash(row) {
      const key = WindowedKey.parse(row.key);
      const [organizationId, second] = key.key.split('|') as [string, string];
      const redisKey = liveKey(kind, organizationId, key.window.startMs, second);
      return { key: redisKey, fields: row.value === null ? null : fields(parse(row.value)) };
    },
  };
}

export const revenueDailyView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestWindows(rows, (value) => RevenueDay.parse(value));
      if (items.length === 0) return;
      // A window's row is its full aggregate: the newest replaces what is there.
      await client.query(
        `INSERT INTO analytics_revenue_daily (organization_id, currency, day, invoiced_amount, collected_amount,
           credited_amount, issued_count, paid_count, overdue_count, voided_count, updated_at)
         SELECT org, cur, d, inv, col, cred, iss, paid, ovd, vd, now()
           FROM unnest($1::uuid[], $2::text[], $3::date[], $4::numeric[], $5::numeric[], $6::numeric[],
                       $7::int[], $8::int[], $9::int[], $10::int[]) AS u(org, cur, d, inv, col, cred, iss, paid, ovd, vd)
         ON CONFLICT (organization_id, day, currency) DO UPDATE SET invoiced_amount = EXCLUDED.invoiced_amount,
           collected_amount = EXCLUDED.collected_amount, credited_amount = EXCLUDED.credited_amount,
           issued_count = EXCLUDED.issued_count, paid_count = EXCLUDED.paid_count,
           overdue_count = EXCLUDED.overdue_count, voided_count = EXCLUDED.voided_count, updated_at = now()`,
        [
          items.map((i) => i.value.organizationId),
          items.map((i) => i.value.currency),
          items.map((i) => day(i.startMs)),
          items.map((i) => i.value.invoiced),
          items.map((i) => i.value.collected),
          items.map((i) => i.value.credited),
          items.map((i) => i.value.issued),
          items.map((i) => i.value.paid),
          items.map((i) => i.value.overdue),
          items.map((i) => i.value.voided),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM analytics_revenue_daily');
    },
  },
  redis: windowedRedis(
    'revenue',
    (value) => RevenueDay.parse(value),
    (v) => ({
      invoiced: v.invoiced,
      collected: v.collected,
      credited: v.credited,
      issued: String(v.issued),
      paid: String(v.paid),
      overdue: String(v.overdue),
      voided: String(v.voided),
    }),
  ),
};

export const transactionsMinuteView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestWindows(rows, (value) => TransactionMinute.parse(value));
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO analytics_transactions_minute (organization_id, currency, minute, completed_count, rejected_count,
           credit_amount, debit_amount, updated_at)
         SELECT org, cur, m, ok, rej, cr, db, now()
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::numeric[], $7::numeric[])
             AS u(org, cur, m, ok, rej, cr, db)
         ON CONFLICT (organization_id, minute, currency) DO UPDATE SET completed_count = EXCLUDED.completed_count,
           rejected_count = EXCLUDED.rejected_count, credit_amount = EXCLUDED.credit_amount,
           debit_amount = EXCLUDED.debit_amount, updated_at = now()`,
        [
          items.map((i) => i.value.organizationId),
          items.map((i) => i.value.currency),
          items.map((i) => iso(i.startMs)),
          items.map((i) => i.value.completed),
          items.map((i) => i.value.rejected),
          items.map((i) => i.value.credits),
          items.map((i) => i.value.debits),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM analytics_transactions_minute');
    },
  },
  redis: windowedRedis(
    'tx',
    (value) => TransactionMinute.parse(value),
    (v) => ({ completed: String(v.completed), rejected: String(v.rejected), credits: v.credits, debits: v.debits }),
  ),
};

export const paymentsHourlyView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latestWindows(rows, (value) => PaymentHour.parse(value));
      if (items.length === 0) return;
      await client.query(
        `INSERT INTO analytics_payments_hourly (organization_id, gateway, hour, succeeded_count, failed_count, updated_at)
         SELECT org, gw, h, ok, bad, now()
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::int[]) AS u(org, gw, h, ok, bad)
         ON CONFLICT (organization_id, hour, gateway) DO UPDATE SET succeeded_count = EXCLUDED.succeeded_count,
           failed_count = EXCLUDED.failed_count, updated_at = now()`,
        [
          items.map((i) => i.value.organizationId),
          items.map((i) => i.value.gateway),
          items.map((i) => iso(i.startMs)),
          items.map((i) => i.value.succeeded),
          items.map((i) => i.value.failed),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM analytics_payments_hourly');
    },
  },
  redis: windowedRedis(
    'payments',
    (value) => PaymentHour.parse(value),
    (v) => ({ succeeded: String(v.succeeded), failed: String(v.failed) }),
  ),
};

export const receivablesView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const latest = new Map<string, Receivable>();
      for (const row of rows) {
        if (row.value === null) continue;
        const item = Receivable.parse(row.value);
        latest.set(item.invoiceId, item);
      }
      const items = [...latest.values()];
      if (items.length === 0) return;
      // The version guard keeps an older snapshot from overwriting a newer one.
      await client.query(
        `INSERT INTO analytics_receivables (invoice_id, organization_id, account_id, currency, status, amount_due,
           due_date, version, updated_at)
         SELECT id, org, acc, cur, st, due, dd, v, now()
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::numeric[], $7::date[], $8::int[])
             AS u(id, org, acc, cur, st, due, dd, v)
         ON CONFLICT (invoice_id) DO UPDATE SET status = EXCLUDED.status, amount_due = EXCLUDED.amount_due,
           due_date = EXCLUDED.due_date, version = EXCLUDED.version, updated_at = now()
         WHERE analytics_receivables.version < EXCLUDED.version`,
        [
          items.map((r) => r.invoiceId),
          items.map((r) => r.organizationId),
          items.map((r) => r.accountId),
          items.map((r) => r.currency),
          items.map((r) => r.status),
          items.map((r) => r.due),
          items.map((r) => r.dueDate),
          items.map((r) => r.version),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM analytics_receivables');
    },
  },
};
