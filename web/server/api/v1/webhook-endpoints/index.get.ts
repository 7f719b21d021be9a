import { WebhookEndpointListQuery, type WebhookEndpointResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listWebhookEndpoints } from '../../../services/webhooks/webhookEndpoints';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/webhook-endpoints?page=&limit=&sort=&q=: the organization's endpoints (secrets masked). */
export default defineEventHandler(async (event): Promise<ListPage<WebhookEndpointResource>> => {
  const principal = requirePrincipal(event);
  const query = getValidatedQueryParams(event, WebhookEndpointListQuery);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return listWebhookEndpoints(principal, query);
});
