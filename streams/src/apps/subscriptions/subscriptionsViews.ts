import { PlanSnapshot, SubscriptionSnapshot } from '@billstream/contracts';
import type { ViewHandlers, ViewRow } from '../../runtime/index.ts';
import { RejectionRow } from './subscriptionState.ts';

/** Newest live row per id: a batch may hold several versions of one plan or subscription. */
function latest<T extends { id: string }>(rows: readonly ViewRow[], parse: (value: unknown) => T): T[] {
  const items = rows.filter((row) => row.value !== null).map((row) => parse(row.value));
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

export const plansView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latest(rows, (value) => PlanSnapshot.parse(value));
      if (items.length === 0) return;
      const column = <T>(pick: (plan: PlanSnapshot) => T) => items.map(pick);
      // The version guard keeps an older snapshot from overwriting a newer one (replays, rebuilds).
      await client.query(
        `INSERT INTO plans AS p (id, organization_id, code, name, price, currency, interval, trial_days, tax_category,
           active, version, updated_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::text[],
                              $8::int[], $9::text[], $10::boolean[], $11::int[], $12::timestamptz[])
         ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, price = EXCLUDED.price,
           trial_days = EXCLUDED.trial_days, tax_category = EXCLUDED.tax_category, active = EXCLUDED.active,
           version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
         WHERE p.version < EXCLUDED.version`,
        [
          column((p) => p.id),
          column((p) => p.organizationId),
          column((p) => p.code),
          column((p) => p.name),
          column((p) => p.price),
          column((p) => p.currency),
          column((p) => p.interval),
          column((p) => p.trialDays),
          column((p) => p.taxCategory),
          column((p) => p.active),
          column((p) => p.version),
          column((p) => p.updatedAt),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM plans');
    },
  },
};

export const subscriptionsView: ViewHandlers = {
  postgres: {
    async apply(client, rows) {
      const items = latest(rows, (value) => SubscriptionSnapshot.parse(value));
      if (items.length === 0) return;
      const column = <T>(pick: (subscription: SubscriptionSnapshot) => T) => items.map(pick);
      await client.query(
        `INSERT INTO subscriptions AS s (id, organization_id, account_id, plan_id, currency, status, start_at,
           trial_end_at, current_period_start, current_period_end, cancel_at_period_end, canceled_at, credit_balance,
           periods_billed, version, updated_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[],
                              $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[],
                              $11::boolean[], $12::timestamptz[], $13::numeric[], $14::int[], $15::int[],
                              $16::timestamptz[])
         ON CONFLICT (id) DO UPDATE SET plan_id = EXCLUDED.plan_id, status = EXCLUDED.status,
           current_period_start = EXCLUDED.current_period_start, current_period_end = EXCLUDED.current_period_end,
           cancel_at_period_end = EXCLUDED.cancel_at_period_end, canceled_at = EXCLUDED.canceled_at,
           credit_balance = EXCLUDED.credit_balance, periods_billed = EXCLUDED.periods_billed,
           version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
         WHERE s.version < EXCLUDED.version`,
        [
          column((s) => s.id),
          column((s) => s.organizationId),
          column((s) => s.accountId),
          column((s) => s.planId),
          column((s) => s.currency),
          column((s) => s.status),
          column((s) => s.startAt),
          column((s) => s.trialEndAt),
          column((s) => s.currentPeriodStart),
          column((s) => s.currentPeriodEnd),
          column((s) => s.cancelAtPeriodEnd),
          column((s) => s.canceledAt),
          column((s) => s.creditBalance),
          column((s) => s.periodsBilled),
          column((s) => s.version),
          column((s) => s.updatedAt),
        ],
      );
    },
    async truncate(client) {
      await client.query('DELETE FROM subscriptions');
    },
  },
};

/** A refused command's reason, where the web app shows it: `bs:subscription-rejection:<plan or subscription id>`. */
export const subscriptionRejectionsView: ViewHandlers = {
  redis: {
    toHash(row) {
      if (row.value === null) return { key: `bs:subscription-rejection:${String(row.key)}`, fields: null };
      const rejection = RejectionRow.parse(row.value);
      return {
        key: `bs:subscription-rejection:${rejection.entityId}`,
        fields: { command: rejection.command, reason: rejection.reason, detail: rejection.detail, at: rejection.at },
      };
    },
  },
};
