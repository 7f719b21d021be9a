import { createHmac, timingSafeEqual } from 'node:crypto';

/** Webhooks older (or further in the future) than this are refused: a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_S = 300;
/** The header a sandbox gateway signs with: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'billstream-signature';
const SIGNATURE_HEX_LENGTH = 64;

export type SignatureFailure = 'missing' | 'malformed' | 'stale' | 'mismatch';
export type SignatureCheck =
  | { readonly ok: true; readonly timestampS: number }
  | { readonly ok: false; readonly reason: SignatureFailure };

/** HMAC-SHA256 over `<timestamp>.<raw body>`, hex. */
export function computeSignature(secret: string, timestampS: number, rawBody: string): string {
  if (secret.length === 0) throw new Error('webhook secret must not be empty');
  return createHmac('sha256', secret).update(`${timestampS}.${rawBody}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestampS: number, rawBody: string): string {
  return `t=${timestampS},v1=${computeSignature(secret, timestampS, rawBody)}`;
}

function parseHeader(header: string): { timestampS: number; signature: string } | null {
  const parts = new Map<string, string>();
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name && value !== undefined) parts.set(name, value);
  }
  const timestamp = parts.get('t') ?? '';
  const signature = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return null;
  if (!new RegExp(`^[0-9a-f]{${SIGNATURE_HEX_LENGTH}}$`).test(signature)) return null;
  return { timestampS: Number(timestamp), signature };
}

/**
 * Verifies a webhook: the HMAC over timestamp + raw body compared in constant
 * time, and the timestamp within WEBHOOK_TOLERANCE_S of `nowMs`. The body
 * must be the exact bytes received: re-serialized JSON would not match.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  rawBody: string,
  nowMs: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(computeSignature(secret, parsed.timestampS, rawBody), 'hex');
  const actual = Buffer.from(parsed.signature, 'hex');
  // Lengths are equal (both 32 bytes) by the header pattern, as timingSafeEqual requires.
  if (!timingSafeEqual(expected, actual)) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowMs / 1000 - parsed.timestampS) > WEBHOOK_TOLERANCE_S) return { ok: false, reason: 'stale' };
  return { ok: true, timestampS: parsed.timestampS };
}

/** Shortest PAYMENTS_WEBHOOK_SECRET accepted, in characters. */
export const WEBHOOK_SECRET_MIN_LENGTH = 16;

/** Each gateway signs with its own secret, derived from the one configured master secret. */
export function gatewayWebhookSecret(masterSecret: string, gateway: string): string {
  if (masterSecret.length < WEBHOOK_SECRET_MIN_LENGTH)
    throw new Error(`PAYMENTS_WEBHOOK_SECRET must be at least ${WEBHOOK_SECRET_MIN_LENGTH} characters`);
  return createHmac('sha256', masterSecret).update(`webhook:${gateway}`).digest('base64url');
}
