import type { BankTransferInput, GatewayRequest } from '@billstream/contracts';
import { signatureHeader } from '../webhookSignature.ts';
import { type GatewayAdapter, type GatewayAnswer, ok, type TokenizeResult } from './adapter.ts';
import { digest, failure, IdempotencyMemo, latencyMsOf, realClock, type SandboxClock } from './sandbox.ts';
import { parseSandboxWebhook, type SandboxWebhookPayload } from './webhookPayload.ts';

const TOKEN_PATTERN = /^tok_bank_(settle|fail)_[0-9a-f]{16,64}$/;
/** IBANs ending in this fail to settle (docs/payments.md, "Sandbox gateways and test cards"). */
export const FAILING_IBAN_SUFFIX = '0002';

export function tokenizeBankAccount(input: BankTransferInput, nonceHex: string): TokenizeResult {
  const scenario = input.iban.endsWith(FAILING_IBAN_SUFFIX) ? 'fail' : 'settle';
  return {
    ok: true,
    method: {
      type: 'bank_transfer',
      token: `tok_bank_${scenario}_${nonceHex}`,
      brand: 'bank_transfer',
      last4: input.iban.slice(-4),
      expMonth: null,
      expYear: null,
    },
  };
}

/** A webhook the bank will send later: the payload now, the signature at send time. */
export interface ScheduledWebhook {
  readonly payload: Omit<SandboxWebhookPayload, 'created'>;
  /** True when this delivery should be repeated (the sandbox sometimes delivers twice, as real banks do). */
  readonly duplicate: boolean;
}

export interface BankSandboxOptions {
  readonly webhookSecret: string;
  /** Called when a transfer is initiated; the worker delivers it later. Authorize answers once it resolves. */
  readonly scheduleWebhook: (webhook: ScheduledWebhook) => void | Promise<void>;
  readonly clock?: SandboxClock;
}

/** Signs a payload for sending now: the body bytes and the signature header value. */
export function signWebhook(secret: string, payload: ScheduledWebhook['payload'], nowMs: number) {
  const created = Math.floor(nowMs / 1000);
  const rawBody = JSON.stringify({ ...payload, created });
  return { rawBody, signature: signatureHeader(secret, created, rawBody) };
}

/**
 * A sandbox bank-transfer gateway: authorize starts a transfer and answers
 * `pending`; the outcome arrives later as a signed webhook, sometimes twice.
 */
export class BankSandboxGateway implements GatewayAdapter {
  readonly name = 'bank' as const;
  readonly methodType = 'bank_transfer' as const;
  private readonly memo = new IdempotencyMemo();
  private readonly clock: SandboxClock;

  constructor(private readonly options: BankSandboxOptions) {
    this.clock = options.clock ?? realClock;
  }

  authorize(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () => {
      const match = TOKEN_PATTERN.exec(request.paymentMethodToken);
      if (!match) return failure('transfer_failed', 'The bank does not know this account token');
      const reference = `bank_tr_${digest(request.idempotencyKey).slice(0, 24)}`;
      const settles = match[1] === 'settle';
      // The bank answers "pending" only once its webhook is queued: a lost queue entry would leave the payment processing.
      await this.options.scheduleWebhook({
        payload: {
          id: `evt_${digest(`${reference}:${settles}`).slice(0, 24)}`,
          type: settles ? 'transfer.settled' : 'transfer.failed',
          data: { paymentId: request.paymentId, reference, failureCode: settles ? null : 'transfer_failed' },
        },
        duplicate: Number.parseInt(digest(reference).slice(0, 2), 16) % 2 === 0,
      });
      return ok(reference, 'pending');
    });
  }

  capture(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () => ok(request.gatewayReference));
  }

  void(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () => ok(request.gatewayReference));
  }

  refund(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () =>
      request.gatewayReference
        ? ok(`bank_rf_${digest(request.idempotencyKey).slice(0, 24)}`)
        : failure('gateway_error', 'no transfer to refund'),
    );
  }

  parseWebhook(signature: string | undefined, rawBody: string, nowMs: number) {
    return parseSandboxWebhook(this.options.webhookSecret, signature, rawBody, nowMs);
  }

  private async once(request: GatewayRequest, run: () => Promise<GatewayAnswer>): Promise<GatewayAnswer> {
    const known = this.memo.get(request.idempotencyKey);
    if (known) return known;
    await this.clock.sleep(latencyMsOf(request.idempotencyKey));
    return this.memo.remember(request.idempotencyKey, await run());
  }
}
