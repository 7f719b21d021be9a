import { IdParams, UpdateWebhookEndpointBody, type WebhookEndpointResource } from '@billstream/contracts';
import { updateWebhookEndpoint } from '../../../services/webhooks/webhookEndpoints';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams, readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** PATCH /api/v1/webhook-endpoints/:id: change URL, event types, description, enabled; `rotateSecret: true` answers the new secret once. */
export default defineEventHandler(async (event): Promise<WebhookEndpointResource> => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const body = await readValidatedJson(event, UpdateWebhookEndpointBody);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return updateWebhookEndpoint(principal, id, body, requestOrigin(event).ip);
});
