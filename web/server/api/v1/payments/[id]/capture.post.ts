import { CapturePaymentBody, IdParams } from '@billstream/contracts';
import { changePayment } from '../../../../services/payments/changePayment';
import { paymentCommand } from '../../../../services/payments/publishPaymentCommand';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams, readValidatedJson } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';

/** POST /api/v1/payments/:id/capture: capture all (no amount) or part of the authorization (202; the processor decides). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const body = await readValidatedJson(event, CapturePaymentBody);
  const requestedAt = new Date().toISOString();
  const result = await changePayment(id, organizationId, useRequestId(event), async () =>
    paymentCommand('CapturePaymentIntent', { paymentId: id, organizationId, requestedAt, amount: body.amount ?? null }),
  );
  setResponseStatus(event, 202);
  return result;
});
