import { CreatePlanBody, IdempotencyKey } from '@billstream/contracts';
import { createPlan } from '../../../services/subscriptions/planCommands';
import { commandResponse } from '../../../utils/commandResponse';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedHeader, readJsonBody } from '../../../utils/request';
import { useRequestId } from '../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** POST /api/v1/plans: accept a new plan (202); the subscriptions processor writes the plans view. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CreatePlanBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const result = await createPlan({ idempotencyKey, rawBody, requestId, organizationId }, body);
  return commandResponse(event, result);
});
