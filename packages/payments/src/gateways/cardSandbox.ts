import type { CardInput, GatewayRequest } from '@billstream/contracts';
import { type GatewayAdapter, type GatewayAnswer, ok, type TokenizeResult } from './adapter.ts';
import {
  digest,
  failure,
  GATEWAY_TIMEOUT_MS,
  IdempotencyMemo,
  latencyMsOf,
  realClock,
  type SandboxClock,
} from './sandbox.ts';
import { type CardScenario, cardBrand, luhnValid, scenarioOf } from './testCards.ts';
import { parseSandboxWebhook } from './webhookPayload.ts';

const TOKEN_PATTERN = /^tok_card_(success|declined|insufficient_funds|challenge|timeout)_[0-9a-f]{16,64}$/;

/**
 * Tokenizes a card at the API edge. The sandbox's token carries the test
 * card's behaviour (as a real gateway's vault would know it), never the number.
 */
export function tokenizeCard(card: CardInput, nonceHex: string, now = new Date()): TokenizeResult {
  if (!luhnValid(card.number)) return { ok: false, field: 'body.method.number', reason: 'is not a valid card number' };
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  if (card.expYear < year || (card.expYear === year && card.expMonth < month))
    return { ok: false, field: 'body.method.expYear', reason: 'the card has expired' };
  return {
    ok: true,
    method: {
      type: 'card',
      token: `tok_card_${scenarioOf(card.number)}_${nonceHex}`,
      brand: cardBrand(card.number),
      last4: card.number.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
    },
  };
}

export function scenarioOfToken(token: string): CardScenario | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? (match[1] as CardScenario) : null;
}

export interface CardSandboxOptions {
  readonly name: 'card' | 'card_backup';
  readonly webhookSecret: string;
  readonly clock?: SandboxClock;
}

/** A sandbox card acquirer. `card` times out on the timeout test card; `card_backup` authorizes it. */
export class CardSandboxGateway implements GatewayAdapter {
  readonly name: 'card' | 'card_backup';
  readonly methodType = 'card' as const;
  private readonly memo = new IdempotencyMemo();
  private readonly clock: SandboxClock;
  private readonly webhookSecret: string;

  constructor(options: CardSandboxOptions) {
    this.name = options.name;
    this.clock = options.clock ?? realClock;
    this.webhookSecret = options.webhookSecret;
  }

  authorize(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () => {
      const scenario = scenarioOfToken(request.paymentMethodToken);
      if (scenario === null) return failure('card_declined', 'The gateway does not know this card token');
      if (scenario === 'timeout' && this.name === 'card') {
        await this.clock.sleep(GATEWAY_TIMEOUT_MS);
        return failure('network_timeout', `The ${this.name} gateway did not answer in time`, true);
      }
      if (scenario === 'declined') return failure('card_declined', 'The card was declined');
      if (scenario === 'insufficient_funds') return failure('insufficient_funds', 'The card has insufficient funds');
      if (scenario === 'challenge' && request.challengePassed === null)
        return ok(this.reference(request), 'requires_action');
      if (scenario === 'challenge' && request.challengePassed === false)
        return failure('authentication_failed', 'The cardholder failed the challenge');
      return ok(this.reference(request));
    });
  }

  capture(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () => this.onAuthorization(request));
  }

  void(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () => this.onAuthorization(request));
  }

  refund(request: GatewayRequest): Promise<GatewayAnswer> {
    return this.once(request, async () => this.onAuthorization(request));
  }

  parseWebhook(signature: string | undefined, rawBody: string, nowMs: number) {
    return parseSandboxWebhook(this.webhookSecret, signature, rawBody, nowMs);
  }

  private onAuthorization(request: GatewayRequest): GatewayAnswer {
    if (!request.gatewayReference?.startsWith(`${this.name}_ch_`))
      return failure('gateway_error', `The ${this.name} gateway has no authorization ${request.gatewayReference}`);
    return ok(request.gatewayReference);
  }

  private reference(request: GatewayRequest): string {
    return `${this.name}_ch_${digest(request.idempotencyKey).slice(0, 24)}`;
  }

  private async once(request: GatewayRequest, run: () => Promise<GatewayAnswer>): Promise<GatewayAnswer> {
    const known = this.memo.get(request.idempotencyKey);
    if (known) return known;
    await this.clock.sleep(latencyMsOf(request.idempotencyKey));
    return this.memo.remember(request.idempotencyKey, await run());
  }
}
