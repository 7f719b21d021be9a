import { requestHash } from '../../utils/idempotencyHash';
import { ProblemError } from '../../utils/problem';
import { claimIdempotencyKey } from '../idempotency/claimIdempotencyKey';
import { completeIdempotencyKey } from '../idempotency/completeIdempotencyKey';
import { releaseIdempotencyKey } from '../idempotency/releaseIdempotencyKey';

export interface IdempotentResult {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/**
 * Runs `execute` once per (organization, Idempotency-Key) with the id the key
 * reserved (the payment or refund id), storing its answer for replays. A
 * final refusal (4xx) is stored too; anything transient frees the key.
 */
export async function idempotentCommand(
  input: { organizationId: string; idempotencyKey: string; scope: string; rawBody: unknown },
  execute: (id: string) => Promise<unknown>,
): Promise<IdempotentResult> {
  const hash = requestHash(input.scope, input.rawBody);
  const claim = await claimIdempotencyKey(`org:${input.organizationId}`, input.idempotencyKey, hash);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  try {
    const body = await execute(claim.transactionId);
    // The command is durable now; failing to store the answer only means a retry re-sends the same id.
    await completeIdempotencyKey(claim.rowId, 202, body).catch((error: unknown) => {
      console.error('[idempotency] cannot store response:', error instanceof Error ? error.message : error);
    });
    return { status: 202, body, replayed: false };
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status < 500) {
      await completeIdempotencyKey(claim.rowId, error.problem.status, error.problem).catch(() => undefined);
    } else {
      await releaseIdempotencyKey(claim.rowId).catch(() => undefined);
    }
    throw error;
  }
}
