import type {
  GatewayName,
  GatewayRequest,
  GatewayResultReceived,
  PaymentMethodType,
  WebhookKind,
} from '@billstream/contracts';

/** A gateway's answer to one request, before it is wrapped into a payment-events record. */
export type GatewayAnswer = Pick<
  GatewayResultReceived['data'],
  'outcome' | 'retryable' | 'code' | 'message' | 'gatewayReference'
>;

/** A verified webhook, parsed. */
export interface ParsedWebhook {
  readonly eventId: string;
  readonly kind: WebhookKind;
  readonly paymentId: string;
  readonly gatewayReference: string;
  readonly code: 'transfer_failed' | null;
}

export type WebhookParse =
  | { readonly ok: true; readonly webhook: ParsedWebhook }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' | 'invalid_payload' };

/** What the API edge keeps of a payment instrument: never a full card number. */
export interface TokenizedMethod {
  readonly type: PaymentMethodType;
  readonly token: string;
  readonly brand: string | null;
  readonly last4: string | null;
  readonly expMonth: number | null;
  readonly expYear: number | null;
}

export type TokenizeResult =
  | { readonly ok: true; readonly method: TokenizedMethod }
  | { readonly ok: false; readonly field: string; readonly reason: string };

/**
 * One interface for every gateway. Each operation is idempotent by
 * `request.idempotencyKey`: the worker may call it again after a crash.
 */
export interface GatewayAdapter {
  readonly name: GatewayName;
  readonly methodType: PaymentMethodType;
  authorize(request: GatewayRequest): Promise<GatewayAnswer>;
  capture(request: GatewayRequest): Promise<GatewayAnswer>;
  void(request: GatewayRequest): Promise<GatewayAnswer>;
  refund(request: GatewayRequest): Promise<GatewayAnswer>;
  /** Verifies the signature (constant time, timestamp tolerance) and parses the event. */
  parseWebhook(signature: string | undefined, rawBody: string, nowMs: number): WebhookParse;
}

/** Runs the operation a request names. */
export function perform(adapter: GatewayAdapter, request: GatewayRequest): Promise<GatewayAnswer> {
  if (request.gateway !== adapter.name) throw new Error(`request for ${request.gateway} sent to ${adapter.name}`);
  switch (request.operation) {
    case 'authorize':
      return adapter.authorize(request);
    case 'capture':
      return adapter.capture(request);
    case 'void':
      return adapter.void(request);
    case 'refund':
      return adapter.refund(request);
  }
}

export const ok = (
  gatewayReference: string | null,
  outcome: 'succeeded' | 'pending' | 'requires_action' = 'succeeded',
): GatewayAnswer => ({
  outcome,
  retryable: false,
  code: null,
  message: null,
  gatewayReference,
});
