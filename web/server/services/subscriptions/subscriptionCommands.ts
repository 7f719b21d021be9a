import type { CreateSubscriptionBody } from '@billstream/contracts';
import { type ProblemError, problems } from '../../utils/problem';
import { findAccount } from '../accounts/findAccount';
import { type AcceptResult, acceptSubscriptionCommand } from './acceptSubscriptionCommand';
import { findPlan, findSubscription } from './queries';

interface Request {
  readonly idempotencyKey: string;
  readonly rawBody: unknown;
  readonly requestId: string;
  readonly organizationId: string;
}

/** The account and plan must be the organization's, active, and in one currency. */
async function checkNew(body: CreateSubscriptionBody, organizationId: string): Promise<ProblemError | undefined> {
  const account = await findAccount(body.accountId, organizationId);
  if (!account) {
    return problems.notFound(`There is no account ${body.accountId}`, {
      name: 'body.accountId',
      reason: 'no such account',
    });
  }
  const plan = await findPlan(body.planId, organizationId);
  if (!plan)
    return problems.notFound(`There is no plan ${body.planId}`, { name: 'body.planId', reason: 'no such plan' });
  if (!plan.active) return problems.invalid([{ name: 'body.planId', reason: 'is not an active plan' }]);
  if (plan.currency !== account.currency) {
    return problems.invalid([
      { name: 'body.planId', reason: `must be billed in ${account.currency}, the account's currency` },
    ]);
  }
  return undefined;
}

export function createSubscription(request: Request, body: CreateSubscriptionBody): Promise<AcceptResult> {
  return acceptSubscriptionCommand({
    ...request,
    scope: 'POST /api/v1/subscriptions',
    type: 'CreateSubscription',
    check: () => checkNew(body, request.organizationId),
    data: (id) => ({ subscriptionId: id, ...body }),
    answerId: (id) => id,
  });
}

export type SubscriptionAction =
  | { readonly kind: 'change-plan'; readonly planId: string }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'cancel'; readonly atPeriodEnd: boolean };

const COMMAND_OF = {
  'change-plan': 'ChangeSubscriptionPlan',
  pause: 'PauseSubscription',
  resume: 'ResumeSubscription',
  cancel: 'CancelSubscription',
} as const;

/**
 * A change to an existing subscription. The state rules (only an active
 * subscription pauses, ...) are the processor's: it decides in order with the
 * renewals, and a refusal lands in Redis under the subscription id.
 */
export async function changeSubscription(
  request: Request,
  subscriptionId: string,
  action: SubscriptionAction,
): Promise<AcceptResult> {
  if (!(await findSubscription(subscriptionId, request.organizationId))) {
    throw problems.notFound(`There is no subscription ${subscriptionId}`, {
      name: 'params.id',
      reason: 'no such subscription',
    });
  }
  const extra =
    action.kind === 'change-plan'
      ? { planId: action.planId }
      : action.kind === 'cancel'
        ? { atPeriodEnd: action.atPeriodEnd }
        : {};
  const check = async () => {
    if (action.kind !== 'change-plan') return undefined;
    const plan = await findPlan(action.planId, request.organizationId);
    return plan
      ? undefined
      : problems.notFound(`There is no plan ${action.planId}`, { name: 'body.planId', reason: 'no such plan' });
  };
  return acceptSubscriptionCommand({
    ...request,
    scope: `POST /api/v1/subscriptions/${subscriptionId}/${action.kind}`,
    type: COMMAND_OF[action.kind],
    check,
    data: () => ({ subscriptionId, ...extra }) as never,
    answerId: () => subscriptionId,
  });
}
