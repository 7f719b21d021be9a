import { type CommandResult, runIdempotentCommand } from '../idempotency/runIdempotentCommand';

export type IdempotentResult = CommandResult;

/**
 * Runs `execute` once per (organization, Idempotency-Key) with the id the key
 * reserved (the payment or refund id), storing its answer for replays. A
 * final refusal (4xx) is stored too; anything transient frees the key.
 * `scope` names the payment operation; the request hash covers it and the body.
 */
export function idempotentCommand(
  input: { organizationId: string; idempotencyKey: string; scope: string; rawBody: unknown },
  execute: (id: string) => Promise<unknown>,
): Promise<IdempotentResult> {
  return runIdempotentCommand({
    scope: `org:${input.organizationId}`,
    route: input.scope,
    idempotencyKey: input.idempotencyKey,
    rawBody: input.rawBody,
    execute,
  });
}
