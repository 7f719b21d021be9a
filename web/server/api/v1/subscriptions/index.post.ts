import { CreateSubscriptionBody, IdempotencyKey } from '@billstream/contracts';
import { createSubscription } from '../../../services/subscriptions/subscriptionCommands';
import { commandResponse } from '../../../utils/commandResponse';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedHeader, readJsonBody } from '../../../utils/request';
import { useRequestId } from '../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** POST /api/v1/subscriptions: accept a new subscription (202). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CreateSubscriptionBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const result = await createSubscription({ idempotencyKey, rawBody, requestId, organizationId }, body);
  return commandResponse(event, result);
});
