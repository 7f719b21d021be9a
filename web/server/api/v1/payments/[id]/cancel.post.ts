import { CancelPaymentBody, IdParams } from '@billstream/contracts';
import { changePayment } from '../../../../services/payments/changePayment';
import { paymentCommand } from '../../../../services/payments/publishPaymentCommand';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams, readValidatedJson } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';

/** POST /api/v1/payments/:id/cancel: cancel the intent (an authorization is voided) (202; the processor decides). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const body = await readValidatedJson(event, CancelPaymentBody);
  const requestedAt = new Date().toISOString();
  const result = await changePayment(id, organizationId, useRequestId(event), async () =>
    paymentCommand('CancelPaymentIntent', { paymentId: id, organizationId, requestedAt, reason: body.reason ?? null }),
  );
  setResponseStatus(event, 202);
  return result;
});
