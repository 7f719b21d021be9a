import {
  fitsMinorUnits,
  HOLD_TIMEOUT_MAX_MS,
  type HoldCaptureRequested,
  type HoldRejectionReason,
  type HoldRequested,
  type HoldStatus,
  isMoneyInRange,
  money,
} from '@billstream/contracts';
import { applyTransaction } from './applyTransaction.ts';
import type { HoldState, LedgerAccountState } from './ledgerState.ts';

export type HoldDecision =
  | { readonly ok: true; readonly hold: HoldState; readonly account: LedgerAccountState }
  | { readonly ok: false; readonly reason: HoldRejectionReason };

function ledgerAccount(id: string, state: LedgerAccountState) {
  return {
    id,
    currency: state.currency,
    status: state.status,
    balance: money(state.balance),
    creditLimit: money(state.creditLimit),
    held: money(state.held),
  };
}

/** A hold as the ledger first decides it: nothing captured yet, created now. */
export function newHold(
  command: HoldRequested,
  organizationId: string,
  nowMs: number,
  status: 'pending' | 'rejected',
  reason: HoldState['reason'],
): HoldState {
  const { data } = command;
  const at = new Date(nowMs).toISOString();
  return {
    id: data.holdId,
    accountId: data.accountId,
    organizationId,
    amount: data.amount,
    capturedAmount: '0',
    currency: data.currency,
    status,
    reason,
    expiresAtMs: Date.parse(data.expiresAt),
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Phase one: reserve the amount. The same checks as a debit apply (active
 * account, currency, minor units, balance − held + credit limit); the
 * ledger balance does not move, the available balance does.
 */
export function authorizeHold(state: LedgerAccountState | null, command: HoldRequested, nowMs: number): HoldDecision {
  const { data } = command;
  const expiresAtMs = Date.parse(data.expiresAt);
  if (!Number.isFinite(nowMs)) throw new Error('authorizeHold needs a clock');
  if (state === null) return { ok: false, reason: 'account_not_found' };
  if (expiresAtMs <= nowMs || expiresAtMs - nowMs > HOLD_TIMEOUT_MAX_MS) return { ok: false, reason: 'expiry_invalid' };
  const verdict = applyTransaction(ledgerAccount(data.accountId, state), {
    type: 'debit',
    amount: data.amount,
    currency: data.currency,
  });
  if (verdict.status === 'rejected') return { ok: false, reason: verdict.reason };
  const held = money(state.held).plus(data.amount);
  if (!isMoneyInRange(held, data.currency)) return { ok: false, reason: 'amount_out_of_range' };
  const hold = newHold(command, state.organizationId, nowMs, 'pending', null);
  return { ok: true, hold, account: { ...state, held: held.toFixed(), version: state.version + 1 } };
}

/** Phase two: post `amount` (≤ the hold) as a debit and release the whole reservation. */
export function captureHold(
  state: LedgerAccountState,
  hold: HoldState,
  command: HoldCaptureRequested,
  nowMs: number,
): HoldDecision {
  const amount = money(command.data.amount);
  if (hold.status !== 'pending') return { ok: false, reason: 'hold_not_pending' };
  if (amount.gt(hold.amount)) return { ok: false, reason: 'amount_exceeds_hold' };
  if (!fitsMinorUnits(command.data.amount, hold.currency)) return { ok: false, reason: 'invalid_amount' };
  const held = money(state.held).minus(hold.amount);
  if (held.isNegative()) throw new Error(`account ${hold.accountId} would hold a negative amount`);
  const account = {
    ...state,
    balance: money(state.balance).minus(amount).toFixed(),
    held: held.toFixed(),
    version: state.version + 1,
  };
  const captured = { ...hold, status: 'captured' as const, capturedAmount: amount.toFixed(), updatedAt: iso(nowMs) };
  return { ok: true, hold: captured, account };
}

/** Releases a pending hold (void or expiry): the available balance comes back. */
export function releaseHold(
  state: LedgerAccountState,
  hold: HoldState,
  status: Extract<HoldStatus, 'voided' | 'expired'>,
  nowMs: number,
): HoldDecision {
  if (hold.status !== 'pending') return { ok: false, reason: 'hold_not_pending' };
  const held = money(state.held).minus(hold.amount);
  if (held.isNegative()) throw new Error(`account ${hold.accountId} would hold a negative amount`);
  const account = { ...state, held: held.toFixed(), version: state.version + 1 };
  return { ok: true, hold: { ...hold, status, updatedAt: iso(nowMs) }, account };
}

function iso(nowMs: number): string {
  return new Date(nowMs).toISOString();
}
