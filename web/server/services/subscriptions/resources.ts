import type { PlanResource, SubscriptionResource } from '@billstream/contracts';
import type { Plan, Subscription } from '@billstream/db';

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

export function toPlanResource(row: Plan): PlanResource {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    price: row.price.toFixed(2),
    currency: row.currency as PlanResource['currency'],
    interval: row.interval as PlanResource['interval'],
    trialDays: row.trialDays,
    taxCategory: row.taxCategory as PlanResource['taxCategory'],
    active: row.active,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSubscriptionResource(row: Subscription): SubscriptionResource {
  return {
    id: row.id,
    accountId: row.accountId,
    planId: row.planId,
    currency: row.currency as SubscriptionResource['currency'],
    status: row.status as SubscriptionResource['status'],
    startAt: row.startAt.toISOString(),
    trialEndAt: iso(row.trialEndAt),
    currentPeriodStart: row.currentPeriodStart.toISOString(),
    currentPeriodEnd: row.currentPeriodEnd.toISOString(),
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    canceledAt: iso(row.canceledAt),
    creditBalance: row.creditBalance.toFixed(2),
    periodsBilled: row.periodsBilled,
    updatedAt: row.updatedAt.toISOString(),
  };
}
