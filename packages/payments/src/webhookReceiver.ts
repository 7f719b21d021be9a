import type { GatewayAdapter, ParsedWebhook } from './gateways/adapter.ts';

export type WebhookReceipt =
  | { readonly status: 'accepted'; readonly webhook: ParsedWebhook }
  | { readonly status: 'duplicate'; readonly eventId: string }
  | {
      readonly status: 'rejected';
      readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' | 'invalid_payload';
    };

/**
 * Claims an event id for the first delivery only (the web app: Redis SET NX
 * with a TTL longer than the signature tolerance). Returns false when seen.
 */
export type ClaimEventId = (gateway: string, eventId: string) => Promise<boolean>;

/**
 * The webhook handler's decision: verify (signature, age), then deduplicate
 * by event id. Only an accepted webhook is produced to payment-events; a
 * duplicate is acknowledged (2xx) so the gateway stops resending it.
 */
export async function receiveWebhook(
  adapter: GatewayAdapter,
  signature: string | undefined,
  rawBody: string,
  nowMs: number,
  claim: ClaimEventId,
): Promise<WebhookReceipt> {
  const parsed = adapter.parseWebhook(signature, rawBody, nowMs);
  if (!parsed.ok) return { status: 'rejected', reason: parsed.reason };
  const first = await claim(adapter.name, parsed.webhook.eventId);
  if (!first) return { status: 'duplicate', eventId: parsed.webhook.eventId };
  return { status: 'accepted', webhook: parsed.webhook };
}
