import { AdvanceTestClockBody, IdempotencyKey } from '@billstream/contracts';
import { advanceTestClock } from '../../../services/testClock/advanceTestClock';
import { commandResponse } from '../../../utils/commandResponse';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedHeader, readJsonBody } from '../../../utils/request';
import { useRequestId } from '../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** POST /api/v1/test-clock/advance: move the organization's test clock forward (test mode, admins). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(AdvanceTestClockBody, rawBody, 'body'),
  );
  const result = await advanceTestClock({
    body,
    rawBody,
    idempotencyKey,
    requestId: useRequestId(event),
    organizationId,
  });
  return commandResponse(event, result);
});
