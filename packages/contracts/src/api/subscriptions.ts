import { z } from 'zod';
import { TaxCategory } from '../events/masterData.ts';
import { PLAN_TRIAL_DAYS_MAX, PlanInterval, SubscriptionStatus } from '../events/subscriptions.ts';
import { Currency, fitsMinorUnits, PositiveMoneyString } from '../money.ts';
import { listQuery } from './lists.ts';

/** Most rows one page of GET /api/v1/subscriptions returns. */
export const SUBSCRIPTIONS_PAGE_MAX = 100;
/**
 * Most rows one page of GET /api/v1/plans returns: plans are few, and the
 * plan pickers ask for this many to offer every plan.
 */
export const PLANS_PAGE_MAX = 500;

const PlanFields = {
  code: z.string().trim().min(1, 'is required').max(50),
  name: z.string().trim().min(1, 'is required').max(200),
  price: PositiveMoneyString,
  trialDays: z.number().int().min(0).max(PLAN_TRIAL_DAYS_MAX),
  taxCategory: TaxCategory,
  active: z.boolean(),
};
const priceFits = {
  check: (body: { price: string; currency: z.infer<typeof Currency> }) => fitsMinorUnits(body.price, body.currency),
  message: { message: 'has more decimal places than the currency allows', path: ['price'] },
};

/** Body of POST /api/v1/plans. */
export const CreatePlanBody = z
  .strictObject({ ...PlanFields, currency: Currency, interval: PlanInterval, active: PlanFields.active.default(true) })
  .refine(priceFits.check, priceFits.message);
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

/** Body of PUT /api/v1/plans/:id. Currency and interval are fixed once a plan exists. */
export const UpdatePlanBody = z.strictObject(PlanFields);
export type UpdatePlanBody = z.infer<typeof UpdatePlanBody>;

/** Body of POST /api/v1/subscriptions. */
export const CreateSubscriptionBody = z.strictObject({
  accountId: z.uuid({ error: 'must be a UUID' }),
  planId: z.uuid({ error: 'must be a UUID' }),
  startAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateSubscriptionBody = z.infer<typeof CreateSubscriptionBody>;

/** Body of POST /api/v1/subscriptions/:id/change-plan. */
export const ChangePlanBody = z.strictObject({ planId: z.uuid({ error: 'must be a UUID' }) });
/** Body of POST /api/v1/subscriptions/:id/cancel. */
export const CancelSubscriptionBody = z.strictObject({ atPeriodEnd: z.boolean() });

/** Sort keys of GET /api/v1/plans; a leading "-" sorts descending. */
export const PLAN_SORT_FIELDS = ['code', 'name', 'price', 'interval', 'trialDays', 'updatedAt'] as const;
/** Query of GET /api/v1/plans: offset pages, a sort, and `q` (part of the code or name). */
export const PlanListQuery = listQuery(PLAN_SORT_FIELDS, { max: PLANS_PAGE_MAX });
export type PlanListQuery = z.infer<typeof PlanListQuery>;

/** Sort keys of GET /api/v1/subscriptions; a leading "-" sorts descending. */
export const SUBSCRIPTION_SORT_FIELDS = [
  'updatedAt',
  'startAt',
  'currentPeriodEnd',
  'status',
  'periodsBilled',
] as const;
/** Query of GET /api/v1/subscriptions: offset pages, a sort, `q` (part of the plan's code or name) and filters. */
export const ListSubscriptionsQuery = listQuery(SUBSCRIPTION_SORT_FIELDS, { max: SUBSCRIPTIONS_PAGE_MAX }).extend({
  status: SubscriptionStatus.optional(),
  accountId: z.uuid({ error: 'must be a UUID' }).optional(),
});
export type ListSubscriptionsQuery = z.infer<typeof ListSubscriptionsQuery>;

export const PlanResource = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  price: z.string(),
  currency: Currency,
  interval: PlanInterval,
  trialDays: z.number().int(),
  taxCategory: TaxCategory,
  active: z.boolean(),
  updatedAt: z.string(),
});
export type PlanResource = z.infer<typeof PlanResource>;

export const SubscriptionResource = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  planId: z.uuid(),
  currency: Currency,
  status: SubscriptionStatus,
  startAt: z.string(),
  trialEndAt: z.string().nullable(),
  currentPeriodStart: z.string(),
  currentPeriodEnd: z.string(),
  cancelAtPeriodEnd: z.boolean(),
  canceledAt: z.string().nullable(),
  creditBalance: z.string(),
  periodsBilled: z.number().int(),
  updatedAt: z.string(),
});
export type SubscriptionResource = z.infer<typeof SubscriptionResource>;

/** 202 answer to a subscription or plan command: accepted into Kafka, decided by the processor. */
export const CommandAccepted = z.object({ id: z.uuid(), status: z.literal('accepted') });
