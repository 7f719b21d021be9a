import { IdParams, type WebhookEndpointResource } from '@billstream/contracts';
import { findWebhookEndpoint, toWebhookEndpointResource } from '../../../services/webhooks/webhookEndpoints';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/webhook-endpoints/:id: one endpoint of the organization (secret masked). */
export default defineEventHandler(async (event): Promise<WebhookEndpointResource> => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return toWebhookEndpointResource(await findWebhookEndpoint(principal, id));
});
