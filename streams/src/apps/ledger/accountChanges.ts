import {
  ACCOUNT_ACTION_FROM,
  ACCOUNT_ACTION_TO,
  type AccountOpenRequested,
  type AccountStatusChangeRequested,
  type AccountUpdateRequested,
  type CustomerDetails,
  type CustomerSnapshot,
} from '@billstream/contracts';
import type { LedgerAccountState } from './ledgerState.ts';

export type AccountCommand = AccountOpenRequested | AccountUpdateRequested | AccountStatusChangeRequested;

export type AccountDecision =
  | {
      readonly ok: true;
      readonly state: LedgerAccountState;
      readonly created: boolean;
      /** Names of the snapshot fields that changed (empty for a creation). */
      readonly changedFields: readonly string[];
    }
  /** Nothing changes: a redelivered open, an unknown or foreign account, a no-op, an invalid transition. */
  | { readonly ok: false; readonly reason: string };

/**
 * Details of an account the ledger learned without them (announced by the
 * dev seed with BillingAccountUpserted): the account number stands in for
 * the legal name until someone sets one.
 */
function knownDetails(accountId: string, state: LedgerAccountState): CustomerDetails {
  return (
    state.customer ?? {
      legalName: state.accountNumber ?? accountId,
      billingEmail: null,
      address: null,
      taxId: null,
      paymentTermsDays: null,
      timezone: 'UTC',
      externalId: null,
    }
  );
}

function open(state: LedgerAccountState | null, command: AccountOpenRequested): AccountDecision {
  // The id was chosen by the API for one Idempotency-Key: an account already there is this command redelivered.
  if (state) return { ok: false, reason: 'account exists' };
  const { data } = command;
  return {
    ok: true,
    created: true,
    changedFields: [],
    state: {
      organizationId: data.organizationId,
      currency: data.currency,
      status: 'active',
      creditLimit: data.creditLimit,
      balance: '0',
      held: '0',
      version: 0,
      accountNumber: data.accountNumber,
      customer: data.customer,
      detailsVersion: 1,
    },
  };
}

function update(accountId: string, state: LedgerAccountState, command: AccountUpdateRequested): AccountDecision {
  const { creditLimit, ...details } = command.data.changes;
  const before = knownDetails(accountId, state);
  const customer: CustomerDetails = { ...before, ...details };
  const changedFields = (Object.keys(details) as (keyof CustomerDetails)[]).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(customer[field]),
  ) as string[];
  if (creditLimit !== undefined && creditLimit !== state.creditLimit) changedFields.push('creditLimit');
  if (changedFields.length === 0) return { ok: false, reason: 'nothing changes' };
  return {
    ok: true,
    created: false,
    changedFields,
    state: {
      ...state,
      customer,
      creditLimit: creditLimit ?? state.creditLimit,
      detailsVersion: state.detailsVersion + 1,
    },
  };
}

function changeStatus(state: LedgerAccountState, command: AccountStatusChangeRequested): AccountDecision {
  const { action } = command.data;
  // The API checked the transition against the view; a command that lost a race to another one changes nothing.
  if (!ACCOUNT_ACTION_FROM[action].includes(state.status)) {
    return { ok: false, reason: `cannot ${action} a ${state.status} account` };
  }
  return {
    ok: true,
    created: false,
    changedFields: ['status'],
    state: { ...state, status: ACCOUNT_ACTION_TO[action], detailsVersion: state.detailsVersion + 1 },
  };
}

/**
 * The ledger's rules for opening and changing an account, as a pure
 * function. Refusals are values: the API prechecked every command against
 * the view, so a refusal here is a redelivery or a lost race, never news.
 */
export function decideAccountChange(state: LedgerAccountState | null, command: AccountCommand): AccountDecision {
  if (command.type === 'AccountOpenRequested') return open(state, command);
  // Tenancy: a command never changes another organization's account, whatever id it names.
  if (!state || state.organizationId !== command.data.organizationId) return { ok: false, reason: 'no such account' };
  if (command.type === 'AccountUpdateRequested') return update(command.data.accountId, state, command);
  return changeStatus(state, command);
}

/** The customer after a change, as customer-events and the accounts view carry it. */
export function customerSnapshot(accountId: string, state: LedgerAccountState, updatedAt: string): CustomerSnapshot {
  return {
    accountId,
    organizationId: state.organizationId,
    accountNumber: state.accountNumber ?? accountId,
    currency: state.currency,
    status: state.status,
    creditLimit: state.creditLimit,
    ...knownDetails(accountId, state),
    updatedAt,
  };
}
