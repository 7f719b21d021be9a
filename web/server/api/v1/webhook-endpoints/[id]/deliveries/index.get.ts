import { IdParams, WebhookDeliveryListQuery, type WebhookDeliveryResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listWebhookDeliveries } from '../../../../../services/webhooks/webhookDeliveries';
import { requirePrincipal } from '../../../../../utils/principal';
import { getValidatedParams, getValidatedQueryParams } from '../../../../../utils/request';

/** GET /api/v1/webhook-endpoints/:id/deliveries?status=: the delivery log (status code, latency, response excerpt per attempt). */
export default defineEventHandler(async (event): Promise<ListPage<WebhookDeliveryResource>> => {
  const principal = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const query = getValidatedQueryParams(event, WebhookDeliveryListQuery);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return listWebhookDeliveries(principal, id, query);
});
