import { AddPaymentMethodBody } from '@billstream/contracts';
import { addPaymentMethod } from '../../../services/paymentMethods/addPaymentMethod';
import { requirePrincipal } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';

/** POST /api/v1/payment-methods: tokenize a card or bank account and keep it for the account (201). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const body = await readValidatedJson(event, AddPaymentMethodBody);
  const method = await addPaymentMethod(body, organizationId);
  setResponseStatus(event, 201);
  return method;
});
