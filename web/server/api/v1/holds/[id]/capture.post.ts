import { CaptureHoldBody, IdempotencyKey, IdParams } from '@billstream/contracts';
import { captureHold } from '../../../../services/holds/resolveHold';
import { runIdempotentCommand } from '../../../../services/idempotency/runIdempotentCommand';
import { commandResponse } from '../../../../utils/commandResponse';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedHeader, getValidatedParams, readJsonBody } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../../utils/validation';

/** POST /api/v1/holds/:id/capture: post all or part of a pending hold as a debit (202). */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CaptureHoldBody, rawBody ?? {}, 'body'),
  );
  const requestId = useRequestId(event);
  const result = await runIdempotentCommand({
    scope: `org:${principal.organizationId}`,
    route: `POST /api/v1/holds/${id}/capture`,
    idempotencyKey,
    rawBody,
    execute: (transactionId) =>
      captureHold({
        holdId: id,
        transactionId,
        organizationId: principal.organizationId,
        body,
        requestId,
        requestedBy: principal.email,
      }),
  });
  return commandResponse(event, result);
});
