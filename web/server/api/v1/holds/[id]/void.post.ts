import { IdempotencyKey, IdParams } from '@billstream/contracts';
import { voidHold } from '../../../../services/holds/resolveHold';
import { runIdempotentCommand } from '../../../../services/idempotency/runIdempotentCommand';
import { commandResponse } from '../../../../utils/commandResponse';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedHeader, getValidatedParams } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';

/** POST /api/v1/holds/:id/void: release a pending hold (202). */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const idempotencyKey = getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey);
  const requestId = useRequestId(event);
  const result = await runIdempotentCommand({
    scope: `org:${principal.organizationId}`,
    route: `POST /api/v1/holds/${id}/void`,
    idempotencyKey,
    rawBody: {},
    execute: (commandId) =>
      voidHold({
        holdId: id,
        commandId,
        organizationId: principal.organizationId,
        requestId,
        requestedBy: principal.email,
      }),
  });
  return commandResponse(event, result);
});
