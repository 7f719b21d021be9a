import { WebhookKind } from '@billstream/contracts';
import { z } from 'zod';
import { verifySignature } from '../webhookSignature.ts';
import type { WebhookParse } from './adapter.ts';

/** The JSON a sandbox gateway posts to /api/v1/webhooks/:gateway. */
export const SandboxWebhookPayload = z.object({
  id: z.string().min(1).max(120),
  type: WebhookKind,
  created: z.number().int(),
  data: z.object({
    paymentId: z.uuid(),
    reference: z.string().min(1).max(120),
    failureCode: z.literal('transfer_failed').nullable(),
  }),
});
export type SandboxWebhookPayload = z.infer<typeof SandboxWebhookPayload>;

export function parseSandboxWebhook(
  secret: string,
  signature: string | undefined,
  rawBody: string,
  nowMs: number,
): WebhookParse {
  const check = verifySignature(secret, signature, rawBody, nowMs);
  if (!check.ok) return check;
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'invalid_payload' };
  }
  const payload = SandboxWebhookPayload.safeParse(json);
  if (!payload.success) return { ok: false, reason: 'invalid_payload' };
  const { id, type, data } = payload.data;
  return {
    ok: true,
    webhook: {
      eventId: id,
      kind: type,
      paymentId: data.paymentId,
      gatewayReference: data.reference,
      code: data.failureCode,
    },
  };
}
