import type { GatewayRequest } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { CardSandboxGateway, tokenizeCard } from './cardSandbox.ts';
import { GATEWAY_TIMEOUT_MS } from './sandbox.ts';
import { luhnValid, TEST_CARDS } from './testCards.ts';

const NOW = new Date('2026-11-25T12:00:00Z');

function fakeClock() {
  const slept: number[] = [];
  return { slept, clock: { sleep: async (ms: number) => void slept.push(ms) } };
}

function request(token: string, overrides: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    requestId: 'p:authorize:1',
    idempotencyKey: `${token}:authorize:1`,
    paymentId: '00000000-0000-4000-8000-000000000001',
    refundId: null,
    organizationId: '00000000-0000-4000-8000-0000000000aa',
    gateway: 'card',
    operation: 'authorize',
    attempt: 1,
    amount: '10.00',
    currency: 'USD',
    paymentMethodToken: token,
    gatewayReference: null,
    challengePassed: null,
    requestedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** Tokenizes a card that is valid but for what `card` overrides. */
function tokenize(card: { number?: string; expMonth?: number; expYear?: number; cvc?: string } = {}) {
  return tokenizeCard(
    { type: 'card', number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', ...card },
    'ab'.repeat(8),
    NOW,
  );
}

function tokenOf(number: string): string {
  const result = tokenize({ number });
  if (!result.ok) throw new Error(result.reason);
  return result.method.token;
}

describe('card sandbox gateway', () => {
  it('lists only Luhn-valid test cards', () => {
    for (const number of Object.keys(TEST_CARDS)) expect(luhnValid(number)).toBe(true);
  });

  it('tokenizes to brand, last 4 and expiry, and the token holds no card number', () => {
    const result = tokenize();
    expect(result).toMatchObject({ ok: true, method: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 } });
    if (result.ok) expect(result.method.token).not.toContain('424242');
    expect(tokenize({ number: '4242424242424241', cvc: '1' })).toMatchObject({
      ok: false,
      field: 'body.method.number',
    });
    expect(tokenize({ expMonth: 10, expYear: 2026, cvc: '1' })).toMatchObject({
      ok: false,
      field: 'body.method.expYear',
    });
  });

  it('answers each test card as documented', async () => {
    const { clock } = fakeClock();
    const card = new CardSandboxGateway({ name: 'card', webhookSecret: 'x'.repeat(32), clock });
    expect(await card.authorize(request(tokenOf('4242424242424242')))).toMatchObject({
      outcome: 'succeeded',
      retryable: false,
    });
    expect(await card.authorize(request(tokenOf('4000000000000002')))).toMatchObject({
      outcome: 'declined',
      code: 'card_declined',
    });
    expect(await card.authorize(request(tokenOf('4000000000009995')))).toMatchObject({
      outcome: 'declined',
      code: 'insufficient_funds',
    });
    expect(await card.authorize(request(tokenOf('4000000000003220')))).toMatchObject({ outcome: 'requires_action' });
    const challenge = tokenOf('4000000000003220');
    expect(await card.authorize(request(challenge, { idempotencyKey: 'c2', challengePassed: true }))).toMatchObject({
      outcome: 'succeeded',
    });
    expect(await card.authorize(request(challenge, { idempotencyKey: 'c3', challengePassed: false }))).toMatchObject({
      outcome: 'declined',
      code: 'authentication_failed',
    });
  });

  it('times out (retryable) on the timeout card at `card`, while `card_backup` authorizes it', async () => {
    const { clock, slept } = fakeClock();
    const card = new CardSandboxGateway({ name: 'card', webhookSecret: 'x'.repeat(32), clock });
    const backup = new CardSandboxGateway({ name: 'card_backup', webhookSecret: 'x'.repeat(32), clock });
    const token = tokenOf('4000000000000119');
    expect(await card.authorize(request(token))).toMatchObject({
      outcome: 'error',
      retryable: true,
      code: 'network_timeout',
    });
    expect(slept).toContain(GATEWAY_TIMEOUT_MS);
    expect(await backup.authorize(request(token, { gateway: 'card_backup' }))).toMatchObject({ outcome: 'succeeded' });
  });

  it('is idempotent by key: a retried call gets the first answer without calling again', async () => {
    const { clock, slept } = fakeClock();
    const card = new CardSandboxGateway({ name: 'card', webhookSecret: 'x'.repeat(32), clock });
    const first = await card.authorize(request(tokenOf('4242424242424242')));
    const calls = slept.length;
    expect(await card.authorize(request(tokenOf('4242424242424242')))).toEqual(first);
    expect(slept.length).toBe(calls);
    const capture = await card.capture(
      request('x', { operation: 'capture', idempotencyKey: 'cap', gatewayReference: first.gatewayReference }),
    );
    expect(capture.outcome).toBe('succeeded');
    const foreign = await card.capture(
      request('x', { operation: 'capture', idempotencyKey: 'cap2', gatewayReference: 'card_backup_ch_1' }),
    );
    expect(foreign.outcome).toBe('declined');
  });
});
