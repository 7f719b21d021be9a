import { BillingCommand, type PlanSnapshot, type SubscriptionSnapshot } from '@billstream/contracts';
import { stableUuid } from '../billing/billingOutputs.ts';
import type { RejectionRow } from './subscriptionState.ts';

export type SubscriptionOutput =
  | { readonly kind: 'command'; readonly key: string; readonly command: BillingCommand }
  | { readonly kind: 'plan'; readonly row: PlanSnapshot }
  | { readonly kind: 'subscription'; readonly row: SubscriptionSnapshot }
  | { readonly kind: 'rejection'; readonly row: RejectionRow };

type CommandOf<T extends BillingCommand['type']> = Extract<BillingCommand, { type: T }>;

/**
 * A billing-commands envelope with ids derived from what it is about, so a
 * replay produces the very same record (and billing, which ignores an invoice
 * id it has seen, decides it once). Validated here: a bad command is a bug at its source.
 */
export function billingCommand<T extends BillingCommand['type']>(
  type: T,
  name: string,
  data: CommandOf<T>['data'],
): CommandOf<T> {
  const command = {
    eventId: stableUuid(`subscriptions-command:${name}`),
    occurredAt: data.requestedAt,
    source: 'subscriptions',
    type,
    version: 1,
    data,
  };
  return BillingCommand.parse(command) as CommandOf<T>;
}

/** The invoice of one period: one id per subscription and period start, whoever computes it, however often. */
export function periodInvoiceId(subscriptionId: string, periodStartMs: number): string {
  return stableUuid(`subscription:${subscriptionId}:period:${periodStartMs}`);
}

/** The proration invoice of a plan change; the subscription version names the change. */
export function prorationInvoiceId(subscriptionId: string, version: number): string {
  return stableUuid(`subscription:${subscriptionId}:proration:${version}`);
}
