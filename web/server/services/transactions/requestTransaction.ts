import { type CreateTransactionBody, TOPICS, type TransactionRequested, topicName } from '@billstream/contracts';
import type { TransactionAccepted } from '#shared/types/api';
import { serverConfig } from '../../utils/config';
import { useDb } from '../../utils/db';
import { requestHash } from '../../utils/idempotencyHash';
import { produceDurably } from '../../utils/kafka';
import { ProblemError, problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { claimIdempotencyKey, type IdempotencyClaim } from '../idempotency/claimIdempotencyKey';
import { completeIdempotencyKey } from '../idempotency/completeIdempotencyKey';
import { releaseIdempotencyKey } from '../idempotency/releaseIdempotencyKey';
import { buildTransactionRequested } from './buildTransactionRequested';
import { rememberPendingCommand } from './pendingCommands';

export const CREATE_TRANSACTION_SCOPE = 'POST /api/v1/transactions';

/** Idempotency keys are per organization: two organizations may pick the same key. */
export function idempotencyScope(organizationId: string): string {
  return `org:${organizationId}`;
}

export interface RequestTransactionInput {
  readonly idempotencyKey: string;
  /** The body as sent: the idempotency fingerprint is taken of it. */
  readonly rawBody: unknown;
  readonly body: CreateTransactionBody;
  readonly requestId: string;
  /** The caller's organization: the account must be one of its own. */
  readonly organizationId: string;
  /** Who submitted it and from where, for the activity log (CommandSubmitted on user-events). */
  readonly userId: string;
  readonly ip: string;
}

export interface RequestTransactionResult {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/** The currency of the organization's account, or undefined when it has none with this id. */
async function accountCurrency(accountId: string, organizationId: string): Promise<string | undefined> {
  const rows = await useDb().$queryRaw<{ currency: string }[]>`
    SELECT currency FROM billing_accounts WHERE id = ${accountId}::uuid AND organization_id = ${organizationId}::uuid`;
  return rows[0]?.currency;
}

/** Account checks that are final for this key: their answer is stored and replayed. */
function checkAccount(body: CreateTransactionBody, currency: string | undefined): ProblemError | undefined {
  if (currency === undefined) {
    return problems.notFound(`There is no account ${body.accountId}`, {
      name: 'body.accountId',
      reason: 'no such account',
    });
  }
  if (currency !== body.currency) {
    return problems.invalid([{ name: 'body.currency', reason: `must be ${currency}, the account's currency` }]);
  }
  return undefined;
}

async function publish(command: TransactionRequested, requestId: string, organizationId: string): Promise<void> {
  const { data } = command;
  // Remember the command before producing: once the record exists the ledger
  // may apply it at any moment, and GET must never answer 404 for it.
  await rememberPendingCommand({ ...data, organizationId, requestedAt: command.occurredAt }).catch((error: unknown) => {
    console.error('[redis] cannot record pending command:', error instanceof Error ? error.message : error);
    throw problems.unavailable(
      'The pending-command store is not reachable right now; retry with the same Idempotency-Key',
    );
  });
  await produceDurably(topicName(TOPICS.transactionCommands, serverConfig().kafkaTopicPrefix), {
    key: data.accountId,
    value: JSON.stringify(command),
    headers: { 'event-type': command.type, 'event-version': String(command.version), 'request-id': requestId },
  });
}

async function execute(
  claim: Extract<IdempotencyClaim, { kind: 'execute' }>,
  input: RequestTransactionInput,
  currency: string | undefined,
) {
  const refused = checkAccount(input.body, currency);
  if (refused) {
    await completeIdempotencyKey(claim.rowId, refused.problem.status, refused.problem);
    throw refused;
  }
  await publish(
    buildTransactionRequested(claim.transactionId, input.body, new Date()),
    input.requestId,
    input.organizationId,
  );
  const accepted: TransactionAccepted = {
    id: claim.transactionId,
    status: 'pending',
    links: { self: `/api/v1/transactions/${claim.transactionId}` },
  };
  // The command is durable now. The activity record and the stored answer do
  // not depend on each other, so their round trips overlap. Failing to store
  // the answer only means a retry re-sends the same transactionId after the
  // lease, which the ledger deduplicates; the client still gets its 202.
  await Promise.all([
    recordActivity({
      type: 'CommandSubmitted',
      organizationId: input.organizationId,
      userId: input.userId,
      action: 'transaction.requested',
      resource: 'transaction',
      resourceId: claim.transactionId,
      metadata: {
        accountId: input.body.accountId,
        type: input.body.type,
        amount: input.body.amount,
        currency: input.body.currency,
        requestId: input.requestId,
      },
      ip: input.ip,
    }),
    completeIdempotencyKey(claim.rowId, 202, accepted).catch((error: unknown) => {
      console.error('[idempotency] cannot store response:', error instanceof Error ? error.message : error);
    }),
  ]);
  return accepted;
}

/**
 * Accepts a credit/debit command: claims the Idempotency-Key, checks the
 * account, then produces TransactionRequested with acks=all. Only a durable
 * record earns a 202; anything transient releases the key for a retry.
 */
export async function requestTransaction(input: RequestTransactionInput): Promise<RequestTransactionResult> {
  const hash = requestHash(CREATE_TRANSACTION_SCOPE, input.rawBody);
  // The account is read beside the claim (two round trips at once); a replay just ignores it.
  const [claim, currency] = await Promise.all([
    claimIdempotencyKey(idempotencyScope(input.organizationId), input.idempotencyKey, hash),
    accountCurrency(input.body.accountId, input.organizationId),
  ]);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  try {
    return { status: 202, body: await execute(claim, input, currency), replayed: false };
  } catch (error) {
    const final = error instanceof ProblemError && error.problem.status < 500;
    if (!final) await releaseIdempotencyKey(claim.rowId).catch(() => undefined);
    throw error;
  }
}
