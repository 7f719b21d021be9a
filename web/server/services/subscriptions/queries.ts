import type { ListSubscriptionsQuery, PlanListQuery, PlanResource, SubscriptionResource } from '@billstream/contracts';
import type { Plan, Prisma, Subscription } from '@billstream/db';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, orderByOf, skipOf } from '../../utils/listQuery';
import { problems } from '../../utils/problem';
import { toPlanResource, toSubscriptionResource } from './resources';

/**
 * Most plans a subscription search looks among: `q` names plans, and an
 * organization has a few (the plan list itself pages by at most PLANS_PAGE_MAX).
 */
const PLANS_SEARCHED_MAX = 1_000;

function planSearch(organizationId: string, q: string | undefined): Prisma.PlanWhereInput {
  if (!q) return { organizationId };
  return {
    organizationId,
    OR: [{ code: { contains: q, mode: 'insensitive' } }, { name: { contains: q, mode: 'insensitive' } }],
  };
}

/** One page of the organization's plans (by code unless sorted), with the total for page numbers. */
export async function listPlans(query: PlanListQuery, organizationId: string): Promise<ListPage<PlanResource>> {
  const where = planSearch(organizationId, query.q);
  const [rows, total] = await Promise.all([
    useDb().plan.findMany({ where, orderBy: orderByOf(query.sort, 'code'), skip: skipOf(query), take: query.limit }),
    useDb().plan.count({ where }),
  ]);
  return offsetPage('/api/v1/plans', query, rows.map(toPlanResource), total, { sort: query.sort, q: query.q });
}

/** The organization's plan, or undefined (another organization's plan is none). */
export async function findPlan(id: string, organizationId: string): Promise<Plan | undefined> {
  return (await useDb().plan.findFirst({ where: { id, organizationId } })) ?? undefined;
}

export async function getPlan(id: string, organizationId: string): Promise<PlanResource> {
  const plan = await findPlan(id, organizationId);
  if (!plan) throw problems.notFound(`There is no plan ${id}`, { name: 'params.id', reason: 'no such plan' });
  return toPlanResource(plan);
}

async function subscriptionWhere(
  query: ListSubscriptionsQuery,
  organizationId: string,
): Promise<Prisma.SubscriptionWhereInput> {
  // Subscriptions carry only the plan's id: `q` matches the plans first.
  const plans = query.q
    ? await useDb().plan.findMany({
        where: planSearch(organizationId, query.q),
        select: { id: true },
        take: PLANS_SEARCHED_MAX,
      })
    : undefined;
  return {
    organizationId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.accountId ? { accountId: query.accountId } : {}),
    ...(plans ? { planId: { in: plans.map((plan) => plan.id) } } : {}),
  };
}

/** One page of the organization's subscriptions (most recently changed first unless sorted), with the total. */
export async function listSubscriptions(
  query: ListSubscriptionsQuery,
  organizationId: string,
): Promise<ListPage<SubscriptionResource>> {
  const where = await subscriptionWhere(query, organizationId);
  const [rows, total] = await Promise.all([
    useDb().subscription.findMany({
      where,
      orderBy: orderByOf(query.sort, '-updatedAt'),
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().subscription.count({ where }),
  ]);
  const { sort, q, status, accountId } = query;
  return offsetPage('/api/v1/subscriptions', query, rows.map(toSubscriptionResource), total, {
    sort,
    q,
    status,
    accountId,
  });
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
