import { ConfirmPaymentBody, IdParams } from '@billstream/contracts';
import { changePayment } from '../../../../services/payments/changePayment';
import { resolveMethod } from '../../../../services/payments/paymentTarget';
import { paymentCommand } from '../../../../services/payments/publishPaymentCommand';
import { requirePrincipal } from '../../../../utils/principal';
import { getValidatedParams, readValidatedJson } from '../../../../utils/request';
import { useRequestId } from '../../../../utils/requestId';

/** POST /api/v1/payments/:id/confirm: confirm the intent with its (or the given) payment method (202; the processor decides). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const body = await readValidatedJson(event, ConfirmPaymentBody);
  const requestedAt = new Date().toISOString();
  const result = await changePayment(id, organizationId, useRequestId(event), async (accountId) =>
    paymentCommand('ConfirmPaymentIntent', {
      paymentId: id,
      organizationId,
      requestedAt,
      paymentMethod: body.paymentMethodId
        ? await resolveMethod(body.paymentMethodId, accountId, organizationId, 'body.paymentMethodId')
        : null,
    }),
  );
  setResponseStatus(event, 202);
  return result;
});
