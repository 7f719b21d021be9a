import { requestHash } from '../../utils/idempotencyHash';
import { ProblemError } from '../../utils/problem';
import { claimIdempotencyKey } from './claimIdempotencyKey';
import { completeIdempotencyKey } from './completeIdempotencyKey';
import { releaseIdempotencyKey } from './releaseIdempotencyKey';

export interface CommandResult {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/**
 * Stripe-style Idempotency-Key handling around any command: the first answer
 * (202 or a final 4xx) is stored and replayed; a transient failure releases
 * the key so the client may retry with it. `execute` gets the id chosen for
 * this key, stable across a takeover, so a retried produce carries the same
 * command id and the processor deduplicates it.
 */
export async function runIdempotentCommand(input: {
  readonly scope: string;
  readonly route: string;
  readonly idempotencyKey: string;
  readonly rawBody: unknown;
  readonly execute: (commandId: string) => Promise<unknown>;
}): Promise<CommandResult> {
  const hash = requestHash(input.route, input.rawBody);
  const claim = await claimIdempotencyKey(input.scope, input.idempotencyKey, hash);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  try {
    const body = await input.execute(claim.transactionId);
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
