import { CreateHoldBody, IdempotencyKey, IdParams } from '@billstream/contracts';
import { placeHold } from '../../../../services/holds/placeHold';
import { runIdempotentCommand } from '../../../../services/idempotency/runIdempotentCommand';
import { commandResponse } from '../../../../utils/commandResponse';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedHeader, getValidatedParams, readJsonBody } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../../utils/validation';

/** POST /api/v1/accounts/:id/holds: reserve an amount (202); the ledger decides. */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CreateHoldBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const result = await runIdempotentCommand({
    scope: `org:${principal.organizationId}`,
    route: `POST /api/v1/accounts/${id}/holds`,
    idempotencyKey,
    rawBody,
    execute: (holdId) =>
      placeHold({
        holdId,
        accountId: id,
        organizationId: principal.organizationId,
        body,
        requestId,
        requestedBy: principal.email,
      }),
  });
  return commandResponse(event, result);
});
