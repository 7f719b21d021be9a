import { WebhookDeliveryParams, type WebhookDeliveryResource } from '@billstream/contracts';
import { resendWebhookDelivery } from '../../../../../../services/webhooks/webhookDeliveries';
import { requirePrincipal } from '../../../../../../utils/principal';
import { getValidatedParams } from '../../../../../../utils/request';
import { requestOrigin } from '../../../../../../utils/requestContext';

/** POST /api/v1/webhook-endpoints/:id/deliveries/:deliveryId/resend: one more attempt, now (202). */
export default defineEventHandler(async (event): Promise<WebhookDeliveryResource> => {
  const principal = requirePrincipal(event);
  const { id, deliveryId } = getValidatedParams(event, WebhookDeliveryParams);
  const delivery = await resendWebhookDelivery(principal, id, deliveryId, requestOrigin(event).ip);
  setResponseStatus(event, 202);
  return delivery;
});
