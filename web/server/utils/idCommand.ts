import { IdempotencyKey, IdParams } from '@billstream/contracts';
import type { H3Event } from 'h3';
import type { z } from 'zod';
import { requirePrincipal } from './principal';
import { getValidatedHeader, getValidatedParams, readJsonBody } from './request';
import { useRequestId } from './requestId';
import { parseOrProblem, validateTogether } from './validation';

/**
 * The parts of an idempotent command on one resource (`/:id` with an
 * Idempotency-Key and a JSON body), validated together so that the client
 * hears every problem in one answer; `request` is what the command services take.
 */
export async function readIdCommand<S extends z.ZodType>(event: H3Event, bodySchema: S) {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ id }, idempotencyKey, body] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(bodySchema, rawBody, 'body'),
  );
  const request = { idempotencyKey, rawBody, requestId: useRequestId(event), organizationId };
  return { id, body, request };
}
