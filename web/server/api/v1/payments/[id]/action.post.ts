import { IdParams, PaymentActionBody } from '@billstream/contracts';
import { changePayment } from '../../../../services/payments/changePayment';
import { paymentCommand } from '../../../../services/payments/publishPaymentCommand';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams, readValidatedJson } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';

/** POST /api/v1/payments/:id/action: answer the sandbox challenge (3-D Secure) (202; the processor decides). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const body = await readValidatedJson(event, PaymentActionBody);
  const requestedAt = new Date().toISOString();
  const result = await changePayment(id, organizationId, useRequestId(event), async () =>
    paymentCommand('CompletePaymentAction', { paymentId: id, organizationId, requestedAt, passed: body.passed }),
  );
  setResponseStatus(event, 202);
  return result;
});
