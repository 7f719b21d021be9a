import { CreateWebhookEndpointBody, type WebhookEndpointResource } from '@billstream/contracts';
import { createWebhookEndpoint } from '../../../services/webhooks/webhookEndpoints';
import { requirePrincipal } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** POST /api/v1/webhook-endpoints {url, eventTypes, description?, enabled?}: 201 with the signing secret, shown this once. */
export default defineEventHandler(async (event): Promise<WebhookEndpointResource> => {
  const principal = requirePrincipal(event);
  const body = await readValidatedJson(event, CreateWebhookEndpointBody);
  const created = await createWebhookEndpoint(principal, body, requestOrigin(event).ip);
  setResponseStatus(event, 201);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return created;
});
