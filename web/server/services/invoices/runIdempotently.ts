import { requestHash } from '../../utils/idempotencyHash';
import { claimIdempotencyKey } from '../idempotency/claimIdempotencyKey';
import { completeIdempotencyKey } from '../idempotency/completeIdempotencyKey';
import { releaseIdempotencyKey } from '../idempotency/releaseIdempotencyKey';
import { idempotencyScope } from '../transactions/requestTransaction';

export interface IdempotentInput {
  /** Method and concrete path (`POST /api/v1/invoices/<id>/void`): the same key on another path is a reuse. */
  readonly operation: string;
  readonly organizationId: string;
  readonly idempotencyKey: string;
  /** The body as sent: the idempotency fingerprint is taken of it. */
  readonly rawBody: unknown;
}

export interface IdempotentResult<T> {
  readonly status: number;
  readonly body: T | unknown;
  readonly replayed: boolean;
}

/**
 * Runs a command once per Idempotency-Key: the first request executes with
 * an id fixed for this key (a retry after a crash reuses it, so the
 * processor sees the same invoice / payment id), a repeat replays the
 * stored 202. A refused or failed request releases the key: refusals here
 * depend on view state that may change, so the client may retry the same key.
 */
export async function runIdempotently<T>(
  input: IdempotentInput,
  execute: (commandId: string) => Promise<T>,
): Promise<IdempotentResult<T>> {
  const hash = requestHash(input.operation, input.rawBody);
  const claim = await claimIdempotencyKey(idempotencyScope(input.organizationId), input.idempotencyKey, hash);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  let accepted: T;
  try {
    accepted = await execute(claim.transactionId);
  } catch (error) {
    await releaseIdempotencyKey(claim.rowId).catch(() => undefined);
    throw error;
  }
  // The command is durable now; failing to store the answer only means a
  // retry re-sends the same id after the lease, which the processor deduplicates.
  await completeIdempotencyKey(claim.rowId, 202, accepted).catch((error: unknown) => {
    console.error('[idempotency] cannot store response:', error instanceof Error ? error.message : error);
  });
  return { status: 202, body: accepted, replayed: false };
}
