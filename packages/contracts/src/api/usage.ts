import { z } from 'zod';

/**
 * Usage events (docs/usage.md): what a customer used, when. The API takes
 * them one by one or in batches, produces each to `usage-events` (keyed by
 * account) and answers 202; the usage processor stores them in ClickHouse,
 * counted once per (organization, transactionId).
 */

/** Most events one POST /api/v1/events/batch may carry. */
export const USAGE_EVENTS_BATCH_MAX = 1_000;
/** Most properties one event may carry. */
export const USAGE_EVENT_PROPERTIES_MAX = 50;
/** Longest property value, in characters. */
export const USAGE_PROPERTY_VALUE_LENGTH_MAX = 500;

const KEY_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** The client's id of the event: a duplicate with the same id is accepted and counted once. */
export const UsageTransactionId = z
  .string()
  .min(1, 'is required')
  .max(128)
  .regex(KEY_PATTERN, { message: 'may hold only letters, digits and _ . : -' });
/** The billable metric code the event feeds, e.g. "api_calls". */
export const UsageMetricCode = z
  .string()
  .min(1, 'is required')
  .max(50)
  .regex(/^[a-z0-9_]+$/, { message: 'may hold only lower-case letters, digits and _' });

/**
 * Property values: strings, finite numbers or booleans, stored as text.
 * Amounts should be sent as decimal strings ("12.34"): a JSON number has
 * already lost digits past 2^53 when the server reads it.
 */
const PropertyValue = z.union([
  z.string().max(USAGE_PROPERTY_VALUE_LENGTH_MAX),
  z.number().refine(Number.isFinite, { message: 'must be finite' }),
  z.boolean(),
]);
export const UsageProperties = z
  .record(
    z.string().min(1).max(64).regex(KEY_PATTERN, { message: 'may hold only letters, digits and _ . : -' }),
    PropertyValue,
  )
  .refine((properties) => Object.keys(properties).length <= USAGE_EVENT_PROPERTIES_MAX, {
    message: `may hold at most ${USAGE_EVENT_PROPERTIES_MAX} properties`,
  });

/** Body of POST /api/v1/events, and each item of a batch. */
export const UsageEventBody = z.strictObject({
  transactionId: UsageTransactionId,
  /** The billing account's id (external ids come with the customers work). */
  customer: z.uuid({ error: 'must be a UUID' }),
  code: UsageMetricCode,
  /** When the usage happened; the receive time when omitted. */
  timestamp: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  properties: UsageProperties.default({}),
});
export type UsageEventBody = z.infer<typeof UsageEventBody>;

/** Body of POST /api/v1/events/batch. Items are validated one by one (a per-item result), so only the shape is checked here. */
export const UsageEventBatchBody = z.strictObject({
  events: z.array(z.unknown()).min(1, 'needs at least one event').max(USAGE_EVENTS_BATCH_MAX),
});

/** One item's answer in a batch: accepted, or refused with the problem's fields. */
export const UsageEventItemResult = z.union([
  z.object({ index: z.number().int(), transactionId: z.string(), status: z.literal('accepted') }),
  z.object({
    index: z.number().int(),
    status: z.literal('rejected'),
    errors: z.array(z.object({ name: z.string(), reason: z.string() })),
  }),
]);
export type UsageEventItemResult = z.infer<typeof UsageEventItemResult>;

/** How a billable metric turns a period's events into a quantity. */
export const MetricAggregation = z.enum(['count', 'sum', 'max', 'unique_count', 'latest', 'weighted_sum']);
export type MetricAggregation = z.infer<typeof MetricAggregation>;

/** Most filters one metric may have, and most values one `in` filter may list. */
export const METRIC_FILTERS_MAX = 10;
export const METRIC_FILTER_VALUES_MAX = 100;

const PropertyName = z
  .string()
  .min(1)
  .max(64)
  .regex(KEY_PATTERN, { message: 'may hold only letters, digits and _ . : -' });

export const MetricFilter = z.strictObject({
  property: PropertyName,
  operator: z.enum(['equals', 'in']),
  values: z.array(z.string().max(USAGE_PROPERTY_VALUE_LENGTH_MAX)).min(1).max(METRIC_FILTER_VALUES_MAX),
});
export type MetricFilter = z.infer<typeof MetricFilter>;

/**
 * A billable metric: which events (code, filters) count and how. Every
 * aggregation except count reads `property`; weighted_sum treats it as an
 * increment (+3 seats, −1 seat) and weighs the running total by how long it held.
 */
export const BillableMetricDefinition = z
  .strictObject({
    code: UsageMetricCode,
    name: z.string().trim().min(1, 'is required').max(200),
    aggregation: MetricAggregation,
    property: PropertyName.nullable().default(null),
    filters: z.array(MetricFilter).max(METRIC_FILTERS_MAX).default([]),
    groupBy: PropertyName.nullable().default(null),
  })
  .refine((metric) => metric.aggregation === 'count' || metric.property !== null, {
    message: 'is required for every aggregation but count',
    path: ['property'],
  });
export type BillableMetricDefinition = z.infer<typeof BillableMetricDefinition>;

/** What the web app asks the usage processor (POST /usage/aggregate on its port): one metric over one account's period. */
export const AggregateUsageRequest = z
  .strictObject({
    organizationId: z.uuid(),
    accountId: z.uuid(),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    metric: BillableMetricDefinition,
  })
  .refine((request) => Date.parse(request.from) < Date.parse(request.to), {
    message: 'must be after from',
    path: ['to'],
  });
export type AggregateUsageRequest = z.infer<typeof AggregateUsageRequest>;
