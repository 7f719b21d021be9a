import { z } from 'zod';

/** Longest range one analytics query or report may cover. */
export const ANALYTICS_RANGE_DAYS_MAX = 366;
const DAY_MS = 86_400_000;

const IsoDay = z.iso.date({ error: 'must be a date like 2026-11-25' });

/** `from` and `to` are calendar days (UTC), both included. */
export const DateRangeQuery = z
  .object({ from: IsoDay, to: IsoDay })
  .refine((range) => range.from <= range.to, { message: 'must not be before from', path: ['to'] })
  .refine((range) => (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS < ANALYTICS_RANGE_DAYS_MAX, {
    message: `must be at most ${ANALYTICS_RANGE_DAYS_MAX} days after from`,
    path: ['to'],
  });
export type DateRangeQuery = z.infer<typeof DateRangeQuery>;

/** GET /api/v1/analytics/transactions: the last `minutes` minutes, per minute. */
export const TRANSACTION_MINUTES_MAX = 24 * 60;
export const RecentMinutesQuery = z.object({
  minutes: z.coerce.number().int().min(1).max(TRANSACTION_MINUTES_MAX).default(60),
});
export type RecentMinutesQuery = z.infer<typeof RecentMinutesQuery>;

export const RevenueDayResource = z.object({
  day: z.string(),
  currency: z.string(),
  invoiced: z.string(),
  collected: z.string(),
  credited: z.string(),
  issued: z.number().int(),
  paid: z.number().int(),
  overdue: z.number().int(),
  voided: z.number().int(),
});
export type RevenueDayResource = z.infer<typeof RevenueDayResource>;

export const TransactionMinuteResource = z.object({
  minute: z.string(),
  currency: z.string(),
  completed: z.number().int(),
  rejected: z.number().int(),
  credits: z.string(),
  debits: z.string(),
});
export type TransactionMinuteResource = z.infer<typeof TransactionMinuteResource>;

export const PaymentHourResource = z.object({
  hour: z.string(),
  gateway: z.string(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** succeeded / (succeeded + failed), as a decimal string with 4 places; null without outcomes. */
  successRate: z.string().nullable(),
});
export type PaymentHourResource = z.infer<typeof PaymentHourResource>;

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export const AgingBucket = z.enum(AGING_BUCKETS);
export type AgingBucket = z.infer<typeof AgingBucket>;

export const AgingRowResource = z.object({
  currency: z.string(),
  bucket: AgingBucket,
  invoices: z.number().int(),
  amountDue: z.string(),
});
export type AgingRowResource = z.infer<typeof AgingRowResource>;

export const TopRowResource = z.object({
  id: z.string().nullable(),
  name: z.string(),
  currency: z.string(),
  revenue: z.string(),
  quantity: z.string(),
});
export type TopRowResource = z.infer<typeof TopRowResource>;

/** GET /api/v1/analytics/top: products and categories by invoiced revenue (line totals) in the range. */
export const TOP_ROWS_MAX = 50;
export const TopQuery = z
  .object({
    from: IsoDay,
    to: IsoDay,
    limit: z.coerce.number().int().min(1).max(TOP_ROWS_MAX).default(10),
  })
  .refine((range) => range.from <= range.to, { message: 'must not be before from', path: ['to'] });
export type TopQuery = z.infer<typeof TopQuery>;
