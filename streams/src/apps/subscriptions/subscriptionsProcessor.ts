import {
  type BillingCommand,
  type ChangeSubscriptionPlan,
  type CreateSubscription,
  formatMoney,
  type PlanSnapshot,
  type SubscriptionCommand,
  type SubscriptionRejectionReason,
  type SubscriptionSnapshot,
  type UpsertPlan,
} from '@billstream/contracts';
import type { KeyValueStore, Processor, ProcessorContext, StreamRecord } from '../../engine/index.ts';
import { planChange } from './invoices.ts';
import { trialEndMs } from './periods.ts';
import { addCredit, Renewals } from './renewals.ts';
import type { SubscriptionOutput } from './subscriptionOutputs.ts';
import type { BoundaryEntry, SubscriptionState } from './subscriptionState.ts';

export const PLANS_STORE = 'subscriptions-plans';
export const SUBSCRIPTIONS_STORE = 'subscriptions-subscriptions';
export const BOUNDARIES_STORE = 'subscriptions-schedule';
export const CLOCKS_STORE = 'subscriptions-clocks';
/** How often the wall clock looks for period boundaries of organizations without a test clock. */
export const RENEWAL_SCAN_INTERVAL_MS = 60_000;

/** What the app reads: its own commands, and billing-commands for the test clock advances only. */
export type SubscriptionsInput =
  | { readonly source: 'subscriptions'; readonly command: SubscriptionCommand }
  | { readonly source: 'billing'; readonly command: BillingCommand };

type SubscriptionChange = Exclude<SubscriptionCommand, UpsertPlan | CreateSubscription>;
type Refusal = { reason: SubscriptionRejectionReason; detail: string };

/**
 * The recurring-billing processor. Both inputs are keyed by organization and
 * co-partitioned, so one task owns an organization's plans, subscriptions,
 * boundaries and test clock, and sees a clock advance in order with the
 * commands around it. Its only effect on money is a CreateInvoice on
 * billing-commands, with an invoice id derived from the period.
 */
export class SubscriptionsProcessor implements Processor<string, SubscriptionsInput, string, SubscriptionOutput> {
  private context!: ProcessorContext<string, SubscriptionOutput>;
  private plans!: KeyValueStore<string, PlanSnapshot>;
  private subscriptions!: KeyValueStore<string, SubscriptionState>;
  private clocks!: KeyValueStore<string, number>;
  private renewals!: Renewals;

  init(context: ProcessorContext<string, SubscriptionOutput>): void {
    this.context = context;
    this.plans = context.getStateStore(PLANS_STORE);
    this.subscriptions = context.getStateStore(SUBSCRIPTIONS_STORE);
    this.clocks = context.getStateStore(CLOCKS_STORE);
    this.renewals = new Renewals({
      schedule: context.getStateStore<KeyValueStore<string, BoundaryEntry>>(BOUNDARIES_STORE),
      subscriptions: this.subscriptions,
      plans: this.plans,
      clocks: this.clocks,
      emit: (output, timestampMs) => this.emit(output, timestampMs),
    });
    context.schedule(RENEWAL_SCAN_INTERVAL_MS, 'wall-clock-time', (nowMs) => this.renewals.runWallClock(nowMs));
  }

  process(record: StreamRecord<string, SubscriptionsInput>): void {
    const { source, command } = record.value;
    if (source === 'billing') {
      if (command.type === 'TestClockAdvanced') this.advanceClock(command.data, record.timestamp);
      return; // Invoices are the billing app's business (our own CreateInvoice records come back here too).
    }
    const { organizationId } = command.data;
    // An organization on a test clock lives at the clock's time; others at the command's time (replays agree).
    const nowMs = this.clocks.get(organizationId) ?? Date.parse(command.data.requestedAt);
    if (command.type === 'UpsertPlan') this.upsertPlan(command, nowMs, record.timestamp);
    else if (command.type === 'CreateSubscription') this.create(command, nowMs, record.timestamp);
    else this.change(command, nowMs, record.timestamp);
    // A new subscription starting now, or a resume, may have a boundary due at once.
    this.renewals.runForOrganization(organizationId, nowMs, record.timestamp);
  }

  private advanceClock(data: { organizationId: string; nowAt: string }, timestampMs: number): void {
    const nowMs = Date.parse(data.nowAt);
    const current = this.clocks.get(data.organizationId);
    // Like billing: a test clock only moves forward.
    if (current !== undefined && nowMs <= current) return;
    this.clocks.put(data.organizationId, nowMs);
    this.renewals.runForOrganization(data.organizationId, nowMs, timestampMs);
  }

  private upsertPlan(command: UpsertPlan, nowMs: number, timestampMs: number): void {
    const { data } = command;
    const existing = this.plans.get(data.planId);
    if (existing && existing.organizationId !== data.organizationId) {
      this.reject(command, data.planId, { reason: 'plan_not_found', detail: 'no such plan' }, timestampMs);
      return;
    }
    if (existing && (existing.currency !== data.currency || existing.interval !== data.interval)) {
      const detail = 'a plan keeps its currency and interval; create a new plan';
      this.reject(command, data.planId, { reason: 'plan_mismatch', detail }, timestampMs);
      return;
    }
    const plan: PlanSnapshot = {
      id: data.planId,
      organizationId: data.organizationId,
      code: data.code,
      name: data.name,
      price: formatMoney(data.price, data.currency),
      currency: data.currency,
      interval: data.interval,
      trialDays: data.trialDays,
      taxCategory: data.taxCategory,
      active: data.active,
      version: (existing?.version ?? 0) + 1,
      updatedAt: new Date(nowMs).toISOString(),
    };
    this.plans.put(plan.id, plan);
    this.emit({ kind: 'plan', row: plan }, timestampMs);
  }

  private create(command: CreateSubscription, nowMs: number, timestampMs: number): void {
    const { data } = command;
    if (this.subscriptions.get(data.subscriptionId)) {
      this.reject(command, data.subscriptionId, { reason: 'subscription_exists', detail: 'id taken' }, timestampMs);
      return;
    }
    const plan = this.usablePlan(data.organizationId, data.planId);
    if (!plan.ok) {
      this.reject(command, data.subscriptionId, plan, timestampMs);
      return;
    }
    const startMs = data.startAt === undefined ? nowMs : Date.parse(data.startAt);
    const trialEnd = trialEndMs(startMs, plan.plan.trialDays);
    const anchorMs = trialEnd ?? startMs;
    const iso = (ms: number) => new Date(ms).toISOString();
    const subscription: SubscriptionSnapshot = {
      id: data.subscriptionId,
      organizationId: data.organizationId,
      accountId: data.accountId,
      planId: plan.plan.id,
      currency: plan.plan.currency,
      status: trialEnd === null ? 'active' : 'trialing',
      startAt: iso(startMs),
      trialEndAt: trialEnd === null ? null : iso(trialEnd),
      // Until period 0 starts, the "period" is the trial (or the wait for a future start).
      currentPeriodStart: iso(startMs),
      currentPeriodEnd: iso(anchorMs),
      cancelAtPeriodEnd: false,
      canceledAt: null,
      creditBalance: formatMoney(0, plan.plan.currency),
      periodsBilled: 0,
      version: 1,
      updatedAt: iso(nowMs),
    };
    const state: SubscriptionState = {
      subscription,
      anchorMs,
      nextIndex: 0,
      nextBoundaryMs: anchorMs,
      currentPeriodInvoiced: false,
    };
    this.save(state, timestampMs);
    this.renewals.schedule(state);
  }

  private change(command: SubscriptionChange, nowMs: number, timestampMs: number): void {
    const state = this.subscriptions.get(command.data.subscriptionId);
    if (!state || state.subscription.organizationId !== command.data.organizationId) {
      const refusal: Refusal = { reason: 'subscription_not_found', detail: 'no such subscription' };
      this.reject(command, command.data.subscriptionId, refusal, timestampMs);
      return;
    }
    const result = this.decide(command, state, nowMs, timestampMs);
    if (result !== null) this.reject(command, command.data.subscriptionId, result, timestampMs);
  }

  /** Applies a change to a live subscription; returns why it was refused, or null. */
  private decide(command: SubscriptionChange, state: SubscriptionState, nowMs: number, timestampMs: number) {
    const current = state.subscription;
    const status = current.status;
    const updated = (changes: Partial<SubscriptionSnapshot>): SubscriptionState => ({
      ...state,
      subscription: { ...current, ...changes, version: current.version + 1, updatedAt: new Date(nowMs).toISOString() },
    });
    if (status === 'canceled') return refusal(`a canceled subscription takes no ${command.type}`);
    if (command.type === 'ChangeSubscriptionPlan') return this.changePlan(command, state, nowMs, timestampMs);
    if (command.type === 'PauseSubscription') {
      if (status !== 'active') return refusal(`only an active subscription pauses, not a ${status} one`);
      this.save(updated({ status: 'paused' }), timestampMs);
      return null;
    }
    if (command.type === 'ResumeSubscription') {
      if (status !== 'paused') return refusal(`only a paused subscription resumes, not a ${status} one`);
      this.save(updated({ status: 'active' }), timestampMs);
      return null;
    }
    if (command.data.atPeriodEnd) {
      if (current.cancelAtPeriodEnd) return refusal('already canceling at the period end');
      this.save(updated({ cancelAtPeriodEnd: true }), timestampMs);
      return null;
    }
    this.renewals.unschedule(state);
    const canceledAt = new Date(nowMs).toISOString();
    this.save({ ...updated({ status: 'canceled', canceledAt }), nextBoundaryMs: null }, timestampMs);
    return null;
  }

  private changePlan(
    command: ChangeSubscriptionPlan,
    state: SubscriptionState,
    nowMs: number,
    timestampMs: number,
  ): Refusal | null {
    const current = state.subscription;
    if (command.data.planId === current.planId) return null;
    const to = this.usablePlan(current.organizationId, command.data.planId);
    if (!to.ok) return to;
    const from = this.plans.get(current.planId);
    if (!from) throw new Error(`subscription ${current.id} names unknown plan ${current.planId}`);
    if (from.currency !== to.plan.currency || from.interval !== to.plan.interval) {
      return {
        reason: 'plan_mismatch',
        detail: `the new plan must be billed in ${from.currency} per ${from.interval}`,
      };
    }
    const version = current.version + 1;
    let creditBalance = current.creditBalance;
    // Only a period that was invoiced is prorated: a trial or a paused period cost nothing.
    const inPaidPeriod = current.status === 'active' && state.currentPeriodInvoiced;
    if (inPaidPeriod && nowMs < Date.parse(current.currentPeriodEnd)) {
      const change = planChange(current, { from, to: to.plan }, nowMs, version);
      if (change.kind === 'credit') {
        const added = addCredit(creditBalance, change.creditAdded, from.currency);
        if (added === null)
          return { reason: 'amount_out_of_range', detail: 'the carried credit would leave the money range' };
        creditBalance = added;
      } else this.emit({ kind: 'command', key: current.organizationId, command: change.command }, timestampMs);
    }
    const subscription = {
      ...current,
      planId: to.plan.id,
      creditBalance,
      version,
      updatedAt: new Date(nowMs).toISOString(),
    };
    this.save({ ...state, subscription }, timestampMs);
    return null;
  }

  private usablePlan(
    organizationId: string,
    planId: string,
  ): { ok: true; plan: PlanSnapshot } | ({ ok: false } & Refusal) {
    const plan = this.plans.get(planId);
    if (!plan || plan.organizationId !== organizationId)
      return { ok: false, reason: 'plan_not_found', detail: `plan ${planId} is unknown` };
    if (!plan.active) return { ok: false, reason: 'plan_inactive', detail: `plan ${plan.code} is not offered` };
    return { ok: true, plan };
  }

  private save(state: SubscriptionState, timestampMs: number): void {
    this.subscriptions.put(state.subscription.id, state);
    this.emit({ kind: 'subscription', row: state.subscription }, timestampMs);
  }

  private reject(command: SubscriptionCommand, entityId: string, why: Refusal, timestampMs: number): void {
    const at = new Date(this.context.currentSystemTimeMs()).toISOString();
    const { organizationId } = command.data;
    const row = { entityId, organizationId, command: command.type, reason: why.reason, detail: why.detail, at };
    this.emit({ kind: 'rejection', row }, timestampMs);
  }

  private emit(value: SubscriptionOutput, timestampMs: number): void {
    this.context.forward({ key: outputKey(value), value, timestamp: timestampMs, headers: {} });
  }
}

function refusal(detail: string): Refusal {
  return { reason: 'invalid_transition', detail };
}

function outputKey(output: SubscriptionOutput): string {
  if (output.kind === 'command') return output.key;
  if (output.kind === 'rejection') return output.row.entityId;
  return output.row.id;
}
