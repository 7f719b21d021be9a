import type { AccountCommandAccepted, AccountOpenRequested, LedgerCommand } from '@billstream/contracts';
import { invalidateReads } from '../../utils/readCache';
import { recordActivity } from '../activity/recordActivity';
import { produceLedgerCommand } from '../holds/produceLedgerCommand';
import { type IdempotentResult, runIdempotently } from '../invoices/runIdempotently';

/** The account commands of the API: they travel to the ledger on transaction-commands, keyed by account. */
export type AccountCommand = Extract<
  LedgerCommand,
  { type: 'AccountOpenRequested' | 'AccountUpdateRequested' | 'AccountStatusChangeRequested' }
>;

export interface AccountRequest {
  /** Method and concrete path: the same Idempotency-Key on another path is a reuse. */
  readonly operation: string;
  readonly organizationId: string;
  readonly userId: string;
  readonly idempotencyKey: string;
  /** The body as sent: the idempotency fingerprint is taken of it. */
  readonly rawBody: unknown;
  readonly requestId: string;
  /** `account.<what>` for the activity log. */
  readonly action: string;
}

/** The envelope fields every account command shares; the command id is its event id, so the ledger's events reuse it. */
export function commandMeta(commandId: string, now: Date) {
  return { eventId: commandId, occurredAt: now.toISOString(), source: 'web', version: 1 as const };
}

/** The ref fields of every account command's data. */
export function commandRef(accountId: string, request: AccountRequest, now: Date) {
  return { accountId, organizationId: request.organizationId, requestedAt: now.toISOString() };
}

/**
 * Runs an account command once per Idempotency-Key: `build` checks it
 * against the view (refusals are problems: 404, 409, 422) and returns the
 * command, which is produced with acks=all before the 202. The id given to
 * `build` is fixed for the key (a retry reuses it): a new account's id, or
 * the command id the ledger's events will carry.
 */
export function requestAccountCommand(
  request: AccountRequest,
  build: (commandId: string, now: Date) => Promise<AccountCommand>,
): Promise<IdempotentResult<AccountCommandAccepted>> {
  return runIdempotently(request, async (commandId) => {
    const command = await build(commandId, new Date());
    await produceLedgerCommand(command, request.requestId);
    const { accountId } = command.data;
    const account = `/api/v1/accounts/${accountId}`;
    await Promise.all([
      invalidateReads(request.organizationId, ['accounts']),
      recordActivity({
        organizationId: request.organizationId,
        userId: request.userId,
        action: request.action,
        resource: 'account',
        resourceId: accountId,
        metadata: { command: command.type, commandId, requestId: request.requestId },
      }),
    ]);
    return {
      accountId,
      commandId,
      command: command.type,
      ...(command.type === 'AccountStatusChangeRequested' ? { action: command.data.action } : {}),
      status: 'pending' as const,
      links: { self: account, account },
    };
  });
}

/** Account numbers are unique across organizations: the account id's first hex digits are (10 of them: 2^40). */
export function accountNumberFor(accountId: string): AccountOpenRequested['data']['accountNumber'] {
  return `CUS-${accountId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}
