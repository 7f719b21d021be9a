import { PlanSnapshot, SubscriptionRejection, SubscriptionSnapshot } from '@billstream/contracts';
import { z } from 'zod';

/** `subscriptions-plans` (changelogged), keyed by plan id. */
export const PlanState = PlanSnapshot;
export type PlanState = PlanSnapshot;

/** `subscriptions-subscriptions` (changelogged), keyed by subscription id. */
export const SubscriptionState = z.strictObject({
  subscription: SubscriptionSnapshot,
  /** Where period 0 starts: the trial end, or the start without a trial (PERIOD_RULE). */
  anchorMs: z.number().int().min(0),
  /** The index of the next period boundary to fire. */
  nextIndex: z.number().int().min(0),
  /** When that boundary fires; null once canceled. */
  nextBoundaryMs: z.number().int().min(0).nullable(),
  /** Whether the running period was invoiced (not a trial, not paused at its start): only then is a change prorated. */
  currentPeriodInvoiced: z.boolean(),
});
export type SubscriptionState = z.infer<typeof SubscriptionState>;

/** `subscriptions-schedule`, keyed `<boundary ms, 15 digits>|<subscriptionId>`: period boundaries in time order. */
export const BoundaryEntry = z.strictObject({
  organizationId: z.uuid(),
  subscriptionId: z.uuid(),
  atMs: z.number().int().min(0),
});
export type BoundaryEntry = z.infer<typeof BoundaryEntry>;

export function boundaryKey(atMs: number, subscriptionId: string): string {
  if (!Number.isSafeInteger(atMs) || atMs < 0) throw new Error(`bad boundary ${atMs}`);
  return `${String(atMs).padStart(15, '0')}|${subscriptionId}`;
}

export const RejectionRow = SubscriptionRejection;
export type RejectionRow = SubscriptionRejection;
