import { CreateRefundBody, IdempotencyKey, IdParams, PROBLEM_CONTENT_TYPE } from '@billstream/contracts';
import { createRefund } from '../../../../services/payments/createRefund';
import { idempotentCommand } from '../../../../services/payments/idempotentCommand';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedHeader, getValidatedParams, readJsonBody } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../../utils/validation';

/** POST /api/v1/payments/:id/refunds: a full or partial refund (202; pending until the gateway answers). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CreateRefundBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const result = await idempotentCommand(
    { organizationId, idempotencyKey, scope: `POST /api/v1/payments/${id}/refunds`, rawBody },
    (refundId) => createRefund(refundId, id, body, { organizationId, requestId }),
  );
  setResponseStatus(event, result.status);
  if (result.replayed) setResponseHeader(event, 'Idempotent-Replayed', 'true');
  if (result.status >= 400) {
    setResponseHeader(event, 'Content-Type', PROBLEM_CONTENT_TYPE);
    return JSON.stringify({ ...(result.body as object), requestId });
  }
  return result.body;
});
