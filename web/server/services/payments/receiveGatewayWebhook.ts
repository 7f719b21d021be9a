import { randomUUID } from 'node:crypto';
import { GatewayName, GatewayWebhookReceived, TOPICS, topicName } from '@billstream/contracts';
import { receiveWebhook, WEBHOOK_TOLERANCE_S, type WebhookReceipt } from '@billstream/payments';
import { serverConfig } from '../../utils/config';
import { produceDurably } from '../../utils/kafka';
import { redisKey, useRedis } from '../../utils/redis';
import { webhookGateways } from './webhookGateways';

/** Event ids are remembered well past the signature tolerance: a replay is stale or a duplicate, never new. */
export const WEBHOOK_SEEN_TTL_SECONDS = 7 * 24 * 3600;

export type WebhookResult = WebhookReceipt | { readonly status: 'unknown_gateway' };

/**
 * POST /api/v1/webhooks/:gateway: verify (HMAC over timestamp + raw body,
 * constant time, ≤ 300 s old), deduplicate by event id (Redis SET NX), produce
 * to payment-events (acks=all). A failed produce frees the event id, so the
 * gateway's retry is accepted.
 */
export async function receiveGatewayWebhook(
  gatewayName: string,
  signature: string | undefined,
  rawBody: string,
  requestId: string,
): Promise<WebhookResult> {
  const gateway = GatewayName.safeParse(gatewayName);
  if (!gateway.success) return { status: 'unknown_gateway' };
  if (WEBHOOK_SEEN_TTL_SECONDS <= WEBHOOK_TOLERANCE_S) throw new Error('seen TTL must outlive the tolerance');
  const seenKey = (name: string, eventId: string) => redisKey('webhook-seen', name, eventId);
  const claim = async (name: string, eventId: string) =>
    (await useRedis().set(seenKey(name, eventId), '1', 'EX', WEBHOOK_SEEN_TTL_SECONDS, 'NX')) === 'OK';
  const receipt = await receiveWebhook(webhookGateways()[gateway.data], signature, rawBody, Date.now(), claim);
  if (receipt.status !== 'accepted') return receipt;
  const { webhook } = receipt;
  const event = GatewayWebhookReceived.parse({
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'web.webhooks',
    type: 'GatewayWebhookReceived',
    version: 1,
    data: {
      webhookEventId: webhook.eventId,
      gateway: gateway.data,
      kind: webhook.kind,
      paymentId: webhook.paymentId,
      gatewayReference: webhook.gatewayReference,
      code: webhook.code,
    },
  });
  try {
    await produceDurably(topicName(TOPICS.paymentEvents, serverConfig().kafkaTopicPrefix), {
      key: webhook.paymentId,
      value: JSON.stringify(event),
      headers: { 'event-type': event.type, 'request-id': requestId },
    });
  } catch (error) {
    await useRedis()
      .del(seenKey(gateway.data, webhook.eventId))
      .catch(() => undefined);
    throw error;
  }
  return receipt;
}
