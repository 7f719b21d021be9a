import { z } from 'zod';
import { Currency, fitsMinorUnits, MoneyString, PositiveMoneyString } from '../money.ts';
import { envelope } from './envelope.ts';
import { TaxCategory } from './masterData.ts';

/**
 * Recurring billing. Plans and subscriptions are commands on
 * `subscription-commands` (keyed by organization, like billing-commands), not
 * master data: a price change, a plan change and a renewal of one organization
 * must be decided in one order by one task, so the plan lives in the same
 * task's store as the subscriptions that use it.
 */

/** Longest free trial a plan may offer. */
export const PLAN_TRIAL_DAYS_MAX = 365;

const Timestamp = z.iso.datetime({ offset: true });

export const PlanInterval = z.enum(['month', 'year']);
export type PlanInterval = z.infer<typeof PlanInterval>;

export const SubscriptionStatus = z.enum(['trialing', 'active', 'paused', 'canceled']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

/** Why the subscriptions processor refused a command. Stable codes: clients switch on them. */
export const SubscriptionRejectionReason = z.enum([
  'plan_not_found',
  'plan_inactive',
  'plan_mismatch',
  'subscription_not_found',
  'subscription_exists',
  'invalid_transition',
  /** A price, proration or renewal would leave the money range: 15 integer digits. */
  'amount_out_of_range',
]);
export type SubscriptionRejectionReason = z.infer<typeof SubscriptionRejectionReason>;

export const PlanData = z
  .object({
    planId: z.uuid(),
    organizationId: z.uuid(),
    code: z.string().trim().min(1).max(50),
    name: z.string().trim().min(1).max(200),
    /** Net price of one period (plans are billed tax-exclusive). */
    price: PositiveMoneyString,
    currency: Currency,
    interval: PlanInterval,
    trialDays: z.number().int().min(0).max(PLAN_TRIAL_DAYS_MAX),
    taxCategory: TaxCategory,
    active: z.boolean(),
    requestedAt: Timestamp,
  })
  .refine((plan) => fitsMinorUnits(plan.price, plan.currency), {
    message: 'has more decimal places than the currency allows',
    path: ['price'],
  });
export type PlanData = z.infer<typeof PlanData>;

const SubscriptionRef = { subscriptionId: z.uuid(), organizationId: z.uuid(), requestedAt: Timestamp };

/** subscription-commands, key organizationId. Creates a plan or replaces it (currency and interval are fixed). */
export const UpsertPlan = envelope('UpsertPlan', 1, PlanData);
/** Starts at `startAt` (default: the organization's now); a plan with trial days starts with a trial. */
export const CreateSubscription = envelope(
  'CreateSubscription',
  1,
  z.object({ ...SubscriptionRef, accountId: z.uuid(), planId: z.uuid(), startAt: Timestamp.optional() }),
);
/** A mid-period change is prorated (PRORATION_RULE); the plan must share currency and interval. */
export const ChangeSubscriptionPlan = envelope(
  'ChangeSubscriptionPlan',
  1,
  z.object({ ...SubscriptionRef, planId: z.uuid() }),
);
export const PauseSubscription = envelope('PauseSubscription', 1, z.object(SubscriptionRef));
export const ResumeSubscription = envelope('ResumeSubscription', 1, z.object(SubscriptionRef));
/** atPeriodEnd: the subscription runs to the end of the paid period; otherwise it ends now. */
export const CancelSubscription = envelope(
  'CancelSubscription',
  1,
  z.object({ ...SubscriptionRef, atPeriodEnd: z.boolean() }),
);

export type UpsertPlan = z.infer<typeof UpsertPlan>;
export type CreateSubscription = z.infer<typeof CreateSubscription>;
export type ChangeSubscriptionPlan = z.infer<typeof ChangeSubscriptionPlan>;
export type PauseSubscription = z.infer<typeof PauseSubscription>;
export type ResumeSubscription = z.infer<typeof ResumeSubscription>;
export type CancelSubscription = z.infer<typeof CancelSubscription>;

export const SubscriptionCommand = z.discriminatedUnion('type', [
  UpsertPlan,
  CreateSubscription,
  ChangeSubscriptionPlan,
  PauseSubscription,
  ResumeSubscription,
  CancelSubscription,
]);
export type SubscriptionCommand = z.infer<typeof SubscriptionCommand>;

/** The `plans` view row. */
export const PlanSnapshot = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  code: z.string(),
  name: z.string(),
  price: MoneyString,
  currency: Currency,
  interval: PlanInterval,
  trialDays: z.number().int(),
  taxCategory: TaxCategory,
  active: z.boolean(),
  version: z.number().int().min(1),
  updatedAt: Timestamp,
});
export type PlanSnapshot = z.infer<typeof PlanSnapshot>;

/** The `subscriptions` view row. */
export const SubscriptionSnapshot = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  accountId: z.uuid(),
  planId: z.uuid(),
  currency: Currency,
  status: SubscriptionStatus,
  startAt: Timestamp,
  trialEndAt: Timestamp.nullable(),
  currentPeriodStart: Timestamp,
  currentPeriodEnd: Timestamp,
  cancelAtPeriodEnd: z.boolean(),
  canceledAt: Timestamp.nullable(),
  /** Proration credit not yet used; renewals spend it first. */
  creditBalance: MoneyString,
  /** Periods invoiced so far. */
  periodsBilled: z.number().int().min(0),
  version: z.number().int().min(1),
  updatedAt: Timestamp,
});
export type SubscriptionSnapshot = z.infer<typeof SubscriptionSnapshot>;

/** Why a command was refused, kept in Redis under the plan or subscription id the command named. */
export const SubscriptionRejection = z.object({
  entityId: z.uuid(),
  organizationId: z.uuid(),
  command: z.string(),
  reason: SubscriptionRejectionReason,
  detail: z.string().max(500),
  at: Timestamp,
});
export type SubscriptionRejection = z.infer<typeof SubscriptionRejection>;
