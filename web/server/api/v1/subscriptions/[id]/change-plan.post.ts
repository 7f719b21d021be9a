import { ChangePlanBody, IdempotencyKey, IdParams } from '@billstream/contracts';
import { changeSubscription } from '../../../../services/subscriptions/subscriptionCommands';
import { commandResponse } from '../../../../utils/commandResponse';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedHeader, getValidatedParams, readJsonBody } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../../utils/validation';

/** POST /api/v1/subscriptions/:id/change-plan: move to another plan of the same currency and interval, prorated (202; the processor decides, a refusal is kept in Redis). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ id }, idempotencyKey, body] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(ChangePlanBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const request = { idempotencyKey, rawBody, requestId, organizationId };
  return commandResponse(event, await changeSubscription(request, id, { kind: 'change-plan', planId: body.planId }));
});
