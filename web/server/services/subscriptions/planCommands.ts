import type { CreatePlanBody, UpdatePlanBody } from '@billstream/contracts';
import { problems } from '../../utils/problem';
import { type AcceptResult, acceptSubscriptionCommand } from './acceptSubscriptionCommand';
import { findPlan } from './queries';

interface Request {
  readonly idempotencyKey: string;
  readonly rawBody: unknown;
  readonly requestId: string;
  readonly organizationId: string;
}

/** POST /plans: a new plan; its id is the one chosen for the Idempotency-Key. */
export function createPlan(request: Request, body: CreatePlanBody): Promise<AcceptResult> {
  return acceptSubscriptionCommand({
    ...request,
    scope: 'POST /api/v1/plans',
    type: 'UpsertPlan',
    check: async () => undefined,
    data: (id) => ({ planId: id, ...body }),
    answerId: (id) => id,
  });
}

/** PUT /plans/:id: replaces what may change; currency and interval stay the plan's own. */
export async function updatePlan(request: Request, planId: string, body: UpdatePlanBody): Promise<AcceptResult> {
  const existing = await findPlan(planId, request.organizationId);
  if (!existing) throw problems.notFound(`There is no plan ${planId}`, { name: 'params.id', reason: 'no such plan' });
  return acceptSubscriptionCommand({
    ...request,
    scope: `PUT /api/v1/plans/${planId}`,
    type: 'UpsertPlan',
    check: async () => undefined,
    data: () => ({
      planId,
      ...body,
      currency: existing.currency as CreatePlanBody['currency'],
      interval: existing.interval as CreatePlanBody['interval'],
    }),
    answerId: () => planId,
  });
}
