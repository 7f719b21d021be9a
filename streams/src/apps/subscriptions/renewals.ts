import { formatMoney, isMoneyInRange, MoneyDecimal, type PlanSnapshot } from '@billstream/contracts';
import type { KeyValueStore } from '../../engine/index.ts';
import { periodInvoice } from './invoices.ts';
import { periodStartMs } from './periods.ts';
import type { SubscriptionOutput } from './subscriptionOutputs.ts';
import { type BoundaryEntry, boundaryKey, type SubscriptionState } from './subscriptionState.ts';

/**
 * Boundaries one process() or punctuation call may fire; each forwards two
 * records to four branches, well inside the engine's FORWARDS_PER_CALL_MAX
 * (the unit test fills a run to the cap). The rest fire on
 * the next call (the next command, clock advance or wall-clock tick).
 */
export const BOUNDARIES_PER_RUN_MAX = 500;
/** Test clocks one wall-clock tick catches up on (boundaries left over by a capped advance). */
export const CLOCKS_PER_TICK_MAX = 1_000;
/** Schedule entries one lookup may pass over (other organizations' clocks) before it gives up for this run. */
export const BOUNDARIES_SCANNED_MAX = 50_000;

interface RenewalDeps {
  readonly schedule: KeyValueStore<string, BoundaryEntry>;
  readonly subscriptions: KeyValueStore<string, SubscriptionState>;
  readonly plans: KeyValueStore<string, PlanSnapshot>;
  readonly clocks: KeyValueStore<string, number>;
  readonly emit: (output: SubscriptionOutput, timestampMs: number) => void;
}

/**
 * Period boundaries. Each live subscription has exactly one entry in a
 * time-ordered store, at its next boundary; firing it invoices the period
 * that starts there (unless trialing ends in cancellation, or the
 * subscription is paused) and schedules the next one. A run fires every due
 * boundary in time order, so a clock advance over three periods issues three
 * invoices, each once: the entry is deleted and the next one written in the
 * same transaction as the CreateInvoice, and the invoice id is derived from
 * the subscription and the period start, so even a replay names the same invoice.
 */
export class Renewals {
  constructor(private readonly deps: RenewalDeps) {}

  schedule(state: SubscriptionState): void {
    if (state.nextBoundaryMs === null) return;
    const { id, organizationId } = state.subscription;
    this.deps.schedule.put(boundaryKey(state.nextBoundaryMs, id), {
      organizationId,
      subscriptionId: id,
      atMs: state.nextBoundaryMs,
    });
  }

  unschedule(state: SubscriptionState): void {
    if (state.nextBoundaryMs !== null)
      this.deps.schedule.delete(boundaryKey(state.nextBoundaryMs, state.subscription.id));
  }

  /**
   * Organizations without a test clock follow the wall clock; organizations
   * on a test clock catch up on boundaries a capped advance left behind.
   */
  runWallClock(nowMs: number): void {
    let budget = BOUNDARIES_PER_RUN_MAX;
    budget -= this.run(nowMs, (entry) => this.deps.clocks.get(entry.organizationId) === undefined, nowMs, budget);
    let clocks = 0;
    for (const { key, value } of this.deps.clocks.all()) {
      if (budget <= 0 || ++clocks > CLOCKS_PER_TICK_MAX) return;
      budget -= this.run(value, (entry) => entry.organizationId === key, nowMs, budget);
    }
  }

  runForOrganization(organizationId: string, untilMs: number, timestampMs: number): void {
    this.run(untilMs, (entry) => entry.organizationId === organizationId, timestampMs, BOUNDARIES_PER_RUN_MAX);
  }

  /** Fires due boundaries in time order, at most `budget`; returns how many fired. */
  private run(untilMs: number, applies: (entry: BoundaryEntry) => boolean, timestampMs: number, budget: number) {
    let fired = 0;
    for (; fired < budget; fired++) {
      const due = this.firstDue(untilMs, applies);
      if (due === null) break;
      this.deps.schedule.delete(due.key);
      this.fire(due.entry, timestampMs);
    }
    return fired;
  }

  private firstDue(untilMs: number, applies: (entry: BoundaryEntry) => boolean) {
    let scanned = 0;
    for (const { key, value } of this.deps.schedule.range('', `${boundaryKey(untilMs, '')}~`)) {
      scanned += 1;
      if (scanned > BOUNDARIES_SCANNED_MAX) return null;
      if (applies(value)) return { key, entry: value };
    }
    return null;
  }

  private fire(entry: BoundaryEntry, timestampMs: number): void {
    const state = this.deps.subscriptions.get(entry.subscriptionId);
    // An entry left behind by a change of schedule is stale: the state names the one live boundary.
    if (!state || state.nextBoundaryMs !== entry.atMs) return;
    const current = state.subscription;
    const plan = this.deps.plans.get(current.planId);
    if (!plan) throw new Error(`subscription ${current.id} names unknown plan ${current.planId}`);
    const startMs = entry.atMs;
    const endMs = periodStartMs(state.anchorMs, plan.interval, state.nextIndex + 1);
    const atIso = new Date(startMs).toISOString();
    const version = current.version + 1;
    if (current.cancelAtPeriodEnd) {
      const subscription = { ...current, status: 'canceled' as const, canceledAt: atIso, version, updatedAt: atIso };
      this.save({ ...state, subscription, nextBoundaryMs: null }, timestampMs);
      return;
    }
    let subscription = {
      ...current,
      status: current.status === 'trialing' ? ('active' as const) : current.status,
      currentPeriodStart: atIso,
      currentPeriodEnd: new Date(endMs).toISOString(),
      version,
      updatedAt: atIso,
    };
    const invoiced = subscription.status === 'active';
    if (invoiced) {
      const invoice = periodInvoice(subscription, plan, { startMs, endMs });
      this.deps.emit({ kind: 'command', key: current.organizationId, command: invoice.command }, timestampMs);
      subscription = { ...subscription, creditBalance: invoice.creditLeft, periodsBilled: current.periodsBilled + 1 };
    }
    const next = {
      ...state,
      subscription,
      nextIndex: state.nextIndex + 1,
      nextBoundaryMs: endMs,
      currentPeriodInvoiced: invoiced,
    };
    this.save(next, timestampMs);
    this.schedule(next);
  }

  private save(state: SubscriptionState, timestampMs: number): void {
    this.deps.subscriptions.put(state.subscription.id, state);
    this.deps.emit({ kind: 'subscription', row: state.subscription }, timestampMs);
  }
}

/** Credit in the plan currency's form ("0.00"); null when the sum would leave the money range. */
export function addCredit(balance: string, amount: string, currency: PlanSnapshot['currency']): string | null {
  const sum = new MoneyDecimal(balance).plus(amount);
  return isMoneyInRange(sum, currency) ? formatMoney(sum, currency) : null;
}
