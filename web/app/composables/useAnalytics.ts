import type {
  AgingRowResource,
  PaymentHourResource,
  RevenueDayResource,
  TopRowResource,
  TransactionMinuteResource,
} from '@billstream/contracts';
import { MoneyDecimal } from '@billstream/contracts';

/** Days the dashboard's history covers. */
export const DASHBOARD_DAYS = 30;
/** How often live figures (transactions per minute, processor lag) refresh. */
export const LIVE_REFRESH_MS = 10_000;

const DAY_MS = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Sums decimal strings per currency: "12.00 USD · 3.50 EUR". */
export function totalsByCurrency(rows: readonly { currency: string; amount: string }[]): string {
  const totals = new Map<string, InstanceType<typeof MoneyDecimal>>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? new MoneyDecimal(0)).plus(row.amount));
  if (totals.size === 0) return '0';
  return [...totals.entries()].map(([currency, total]) => `${total.toFixed(2)} ${currency}`).join(' · ');
}

/** Everything the analytics dashboard shows, for the last DASHBOARD_DAYS days. */
export function useAnalytics() {
  const to = isoDay(Date.now());
  const from = isoDay(Date.now() - (DASHBOARD_DAYS - 1) * DAY_MS);
  const range = { from, to };
  const revenue = useFetch<{ data: RevenueDayResource[] }>('/api/v1/analytics/revenue', { query: range });
  const payments = useFetch<{ data: PaymentHourResource[] }>('/api/v1/analytics/payments', { query: range });
  const aging = useFetch<{ asOf: string; data: AgingRowResource[] }>('/api/v1/analytics/aging');
  const top = useFetch<{ products: TopRowResource[]; categories: TopRowResource[] }>('/api/v1/analytics/top', {
    query: { ...range, limit: 5 },
  });
  const live = useFetch<{ data: TransactionMinuteResource[] }>('/api/v1/analytics/transactions', {
    query: { minutes: 60 },
  });
  return { range, revenue, payments, aging, top, live };
}
