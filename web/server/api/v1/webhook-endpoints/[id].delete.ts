import { IdParams } from '@billstream/contracts';
import { deleteWebhookEndpoint } from '../../../services/webhooks/webhookEndpoints';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** DELETE /api/v1/webhook-endpoints/:id: removes the endpoint with its delivery log (204). */
export default defineEventHandler(async (event) => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  await deleteWebhookEndpoint(principal, id, requestOrigin(event).ip);
  setResponseStatus(event, 204);
  return null;
});
