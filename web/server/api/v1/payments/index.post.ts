import { CreatePaymentBody, IdempotencyKey, PROBLEM_CONTENT_TYPE } from '@billstream/contracts';
import { createPayment } from '../../../services/payments/createPayment';
import { idempotentCommand } from '../../../services/payments/idempotentCommand';
import { serverConfig } from '../../../utils/config';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedHeader, readJsonBody } from '../../../utils/request';
import { useRequestId } from '../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** POST /api/v1/payments: create (and optionally confirm) a payment intent for an invoice or account (202). */
export default defineEventHandler(async (event) => {
  const { organizationId, userId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CreatePaymentBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const result = await idempotentCommand(
    { organizationId, idempotencyKey, scope: 'POST /api/v1/payments', rawBody },
    (paymentId) => createPayment(paymentId, body, { organizationId, userId, requestId }),
  );
  setResponseStatus(event, result.status);
  if (result.replayed) setResponseHeader(event, 'Idempotent-Replayed', 'true');
  if (result.status >= 400) {
    setResponseHeader(event, 'Content-Type', PROBLEM_CONTENT_TYPE);
    return JSON.stringify({ ...(result.body as object), requestId });
  }
  const self = (result.body as { links?: { self?: string } }).links?.self;
  if (self) setResponseHeader(event, 'Location', `${serverConfig().publicUrl}${self}`);
  return result.body;
});
