import {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookDeliveryListQuery,
  WebhookEndpointListQuery,
} from '@billstream/contracts';
import type { z } from 'zod';

/** The webhook routes' schemas, merged into the OpenAPI document's tables (openapi.ts). */
export const WEBHOOK_SCHEMAS: { bodies: Record<string, z.ZodType>; queries: Record<string, z.ZodObject> } = {
  bodies: {
    'POST /api/v1/webhook-endpoints': CreateWebhookEndpointBody,
    'PATCH /api/v1/webhook-endpoints/:id': UpdateWebhookEndpointBody,
  },
  queries: {
    'GET /api/v1/webhook-endpoints': WebhookEndpointListQuery,
    'GET /api/v1/webhook-endpoints/:id/deliveries': WebhookDeliveryListQuery,
  },
};

/** Request examples the API reference page shows. */
export const WEBHOOK_EXAMPLES: Record<string, unknown> = {
  'POST /api/v1/webhook-endpoints': {
    url: 'https://erp.example.com/billstream/webhooks',
    eventTypes: ['invoice.paid', 'payment.failed'],
    description: 'ERP sync',
  },
  'PATCH /api/v1/webhook-endpoints/:id': { enabled: true, rotateSecret: true },
};

const SIGNATURE_NOTE =
  'Each delivery is a POST of `{id, type, createdAt, organizationId, data: {object}}` signed with the header `Billstream-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` (the endpoint secret is the key). Delivery is at least once: deduplicate on `id`. See docs/webhooks.md.';

/** What the schemas cannot say. */
export const WEBHOOK_OPERATION_NOTES: Record<string, string> = {
  'POST /api/v1/webhook-endpoints': `The answer carries the signing secret this once. At most 20 endpoints per organization (409 \`webhook-endpoints-limit\`). ${SIGNATURE_NOTE}`,
  'PATCH /api/v1/webhook-endpoints/{id}':
    'Enabling a disabled endpoint clears its failure streak; its pending deliveries resume in order. `rotateSecret: true` answers the new secret this once.',
  'GET /api/v1/webhook-endpoints/{id}/deliveries':
    'Each delivery lists its newest attempts with status code, latency and an excerpt of the answer.',
  'POST /api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/resend':
    'Queues one more attempt now (202); it waits for older pending deliveries of the same object and is not retried if it fails.',
};
