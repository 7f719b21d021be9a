import { CreateInvoiceBody, IdempotencyKey } from '@billstream/contracts';
import { createInvoice } from '../../../services/invoices/createInvoice';
import { commandResponse } from '../../../utils/commandResponse';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedHeader, readJsonBody } from '../../../utils/request';
import { useRequestId } from '../../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** POST /api/v1/invoices: accept a CreateInvoice command (202 + Location) or replay the first answer. */
export default defineEventHandler(async (event) => {
  const { organizationId, userId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CreateInvoiceBody, rawBody, 'body'),
  );
  const result = await createInvoice({
    idempotencyKey,
    rawBody,
    body,
    requestId: useRequestId(event),
    organizationId,
    userId,
  });
  return commandResponse(event, result);
});
