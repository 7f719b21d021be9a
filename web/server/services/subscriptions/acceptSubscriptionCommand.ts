import { randomUUID } from 'node:crypto';
import { type CommandAccepted, SubscriptionCommand, TOPICS, topicName } from '@billstream/contracts';
import type { z } from 'zod';
import { serverConfig } from '../../utils/config';
import { requestHash } from '../../utils/idempotencyHash';
import { produceDurably } from '../../utils/kafka';
import { ProblemError } from '../../utils/problem';
import { claimIdempotencyKey } from '../idempotency/claimIdempotencyKey';
import { completeIdempotencyKey } from '../idempotency/completeIdempotencyKey';
import { releaseIdempotencyKey } from '../idempotency/releaseIdempotencyKey';
import { idempotencyScope } from '../transactions/requestTransaction';

export const EVENT_SOURCE = 'billstream-web';

type CommandOf<T extends SubscriptionCommand['type']> = Extract<SubscriptionCommand, { type: T }>;

export interface AcceptInput<T extends SubscriptionCommand['type']> {
  /** `POST /api/v1/...`: a key reused on another route is another request. */
  readonly scope: string;
  readonly idempotencyKey: string;
  readonly rawBody: unknown;
  readonly requestId: string;
  readonly organizationId: string;
  readonly type: T;
  /** Final checks (404/422): their answer is stored with the key and replayed. */
  readonly check: () => Promise<ProblemError | undefined>;
  /** The command's data; `id` is the id this key stands for (a new plan or subscription takes it). */
  readonly data: (id: string) => Omit<CommandOf<T>['data'], 'organizationId' | 'requestedAt'>;
  /** The id the answer names: the new entity's, or the subscription the command is about. */
  readonly answerId: (id: string) => string;
}

export interface AcceptResult {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/**
 * Accepts a plan or subscription command the way POST /transactions does:
 * claim the Idempotency-Key, run the final checks, produce the validated
 * envelope to subscription-commands (keyed by organization) with acks=all,
 * and only then answer 202. A retry with the same key replays the answer and
 * reuses the id chosen for the key, so the processor sees one entity.
 */
export async function acceptSubscriptionCommand<T extends SubscriptionCommand['type']>(
  input: AcceptInput<T>,
): Promise<AcceptResult> {
  const hash = requestHash(input.scope, input.rawBody);
  const claim = await claimIdempotencyKey(idempotencyScope(input.organizationId), input.idempotencyKey, hash);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  try {
    const refused = await input.check();
    if (refused) {
      await completeIdempotencyKey(claim.rowId, refused.problem.status, refused.problem);
      throw refused;
    }
    const now = new Date().toISOString();
    const command = SubscriptionCommand.parse({
      eventId: randomUUID(),
      occurredAt: now,
      source: EVENT_SOURCE,
      type: input.type,
      version: 1,
      data: { ...input.data(claim.transactionId), organizationId: input.organizationId, requestedAt: now },
    });
    await produceDurably(topicName(TOPICS.subscriptionCommands, serverConfig().kafkaTopicPrefix), {
      key: input.organizationId,
      value: JSON.stringify(command),
      headers: { 'event-type': command.type, 'event-version': '1', 'request-id': input.requestId },
    });
    const accepted: z.infer<typeof CommandAccepted> = { id: input.answerId(claim.transactionId), status: 'accepted' };
    await completeIdempotencyKey(claim.rowId, 202, accepted).catch((error: unknown) => {
      console.error('[idempotency] cannot store response:', error instanceof Error ? error.message : error);
    });
    return { status: 202, body: accepted, replayed: false };
  } catch (error) {
    const final = error instanceof ProblemError && error.problem.status < 500;
    if (!final) await releaseIdempotencyKey(claim.rowId).catch(() => undefined);
    throw error;
  }
}
