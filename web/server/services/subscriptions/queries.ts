import { type PlanResource, SUBSCRIPTIONS_PAGE_MAX, type SubscriptionResource } from '@billstream/contracts';
import type { Plan, Subscription } from '@billstream/db';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { toPlanResource, toSubscriptionResource } from './resources';

/** Most plans one organisation lists at once (plans are few; the bound keeps a page finite). */
export const PLANS_LIST_MAX = 500;

export async function listPlans(organizationId: string): Promise<PlanResource[]> {
  const rows = await useDb().plan.findMany({
    where: { organizationId },
    orderBy: { code: 'asc' },
    take: PLANS_LIST_MAX,
  });
  return rows.map(toPlanResource);
}

/** The organisation's plan, or undefined (another organisation's plan is none). */
export async function findPlan(id: string, organizationId: string): Promise<Plan | undefined> {
  return (await useDb().plan.findFirst({ where: { id, organizationId } })) ?? undefined;
}

export async function getPlan(id: string, organizationId: string): Promise<PlanResource> {
  const plan = await findPlan(id, organizationId);
  if (!plan) throw problems.notFound(`There is no plan ${id}`, { name: 'params.id', reason: 'no such plan' });
  return toPlanResource(plan);
}

export async function listSubscriptions(
  query: { status?: string; accountId?: string; limit: number },
  organizationId: string,
): Promise<SubscriptionResource[]> {
  if (query.limit > SUBSCRIPTIONS_PAGE_MAX) throw new Error('the query schema bounds the limit');
  const rows = await useDb().subscription.findMany({
    where: {
      organizationId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.accountId ? { accountId: query.accountId } : {}),
    },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: query.limit,
  });
  return rows.map(toSubscriptionResource);
}

export async function findSubscription(id: string, organizationId: string): Promise<Subscription | undefined> {
  return (await useDb().subscription.findFirst({ where: { id, organizationId } })) ?? undefined;
}

export async function getSubscription(id: string, organizationId: string): Promise<SubscriptionResource> {
  const row = await findSubscription(id, organizationId);
  if (!row) {
    throw problems.notFound(`There is no subscription ${id}`, { name: 'params.id', reason: 'no such subscription' });
  }
  return toSubscriptionResource(row);
}
