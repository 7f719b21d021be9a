import { z } from 'zod';
import { listQuery } from './lists.ts';

/**
 * The event types an endpoint may subscribe to. The webhooks processor maps
 * domain events onto them (streams/src/apps/webhooks/eventMap.ts); a type is
 * listed here as soon as the API should accept it, even before an event feeds it.
 */
export const WEBHOOK_EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'invoice.created',
  'invoice.issued',
  'invoice.paid',
  'invoice.voided',
  'invoice.overdue',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'subscription.created',
  'subscription.renewed',
  'subscription.canceled',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The header that carries `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Billstream-Signature';
/** Endpoints one organization may register. */
export const WEBHOOK_ENDPOINTS_PER_ORGANIZATION_MAX = 20;
export const WEBHOOK_URL_LENGTH_MAX = 2000;
/** Secrets are `whsec_` + 43 base64url characters (32 random bytes). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Most rows one page of endpoints or deliveries holds. */
export const WEBHOOK_PAGE_MAX = 100;

const WebhookUrl = z
  .string({ error: 'is required' })
  .trim()
  .max(WEBHOOK_URL_LENGTH_MAX, `must be at most ${WEBHOOK_URL_LENGTH_MAX} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without credentials');

const EventTypes = z
  .array(WebhookEventType, { error: 'must be a list of event types' })
  .min(1, 'must name an event type')
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((types) => [...new Set(types)]);

export const CreateWebhookEndpointBody = z.strictObject({
  url: WebhookUrl,
  eventTypes: EventTypes,
  description: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  enabled: z.boolean().default(true),
});
export type CreateWebhookEndpointBody = z.infer<typeof CreateWebhookEndpointBody>;

/** PATCH: any subset; `rotateSecret: true` replaces the secret (answered once). */
export const UpdateWebhookEndpointBody = z
  .strictObject({
    url: WebhookUrl.optional(),
    eventTypes: EventTypes.optional(),
    description: z.string().trim().max(200, 'must be at most 200 characters').nullable().optional(),
    enabled: z.boolean().optional(),
    rotateSecret: z.literal(true).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'must change something');
export type UpdateWebhookEndpointBody = z.infer<typeof UpdateWebhookEndpointBody>;

export const WebhookEndpointResource = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(WebhookEventType),
  enabled: z.boolean(),
  /** Only in the answers of create and of a secret rotation; else a masked hint. */
  secret: z.string(),
  failingSince: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookEndpointResource = z.infer<typeof WebhookEndpointResource>;

export const WebhookEndpointListQuery = listQuery(['createdAt', 'url'], { max: WEBHOOK_PAGE_MAX });
export type WebhookEndpointListQuery = z.infer<typeof WebhookEndpointListQuery>;

export const WebhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDeliveryListQuery = listQuery(['createdAt'], { max: WEBHOOK_PAGE_MAX }).extend({
  status: WebhookDeliveryStatus.optional(),
});
export type WebhookDeliveryListQuery = z.infer<typeof WebhookDeliveryListQuery>;

export const WebhookAttemptResource = z.object({
  attemptedAt: z.string(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  manual: z.boolean(),
});

export const WebhookDeliveryResource = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  objectId: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  log: z.array(WebhookAttemptResource),
});
export type WebhookDeliveryResource = z.infer<typeof WebhookDeliveryResource>;

/**
 * What a receiver gets: the event id (deduplicate on it: delivery is at least
 * once), its type, when it happened, and the object as the domain event had it.
 */
export const WebhookPayload = z.object({
  id: z.uuid(),
  type: WebhookEventType,
  createdAt: z.iso.datetime({ offset: true }),
  organizationId: z.uuid(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** Path of POST /api/v1/webhook-endpoints/:id/deliveries/:deliveryId/resend. */
export const WebhookDeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });
