import { IdempotencyKey, IdParams, UpdatePlanBody } from '@billstream/contracts';
import { updatePlan } from '../../../services/subscriptions/planCommands';
import { commandResponse } from '../../../utils/commandResponse';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedHeader, getValidatedParams, readJsonBody } from '../../../utils/request';
import { useRequestId } from '../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** PUT /api/v1/plans/:id: accept a change of name, price, trial or availability (202). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ id }, idempotencyKey, body] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(UpdatePlanBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const result = await updatePlan({ idempotencyKey, rawBody, requestId, organizationId }, id, body);
  return commandResponse(event, result);
});
