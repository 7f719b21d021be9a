import type { GatewayRequest } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { BankSandboxGateway, type ScheduledWebhook, signWebhook, tokenizeBankAccount } from './bankSandbox.ts';

const SECRET = 's'.repeat(32);

function request(token: string, key: string): GatewayRequest {
  return {
    requestId: key,
    idempotencyKey: key,
    paymentId: '00000000-0000-4000-8000-000000000001',
    refundId: null,
    organizationId: '00000000-0000-4000-8000-0000000000aa',
    gateway: 'bank',
    operation: 'authorize',
    attempt: 1,
    amount: '10.00',
    currency: 'EUR',
    paymentMethodToken: token,
    gatewayReference: null,
    challengePassed: null,
    requestedAt: '2026-11-25T12:00:00Z',
  };
}

describe('bank transfer sandbox gateway', () => {
  it('answers pending and schedules one signed settlement webhook per transfer, sometimes to be delivered twice', async () => {
    const scheduled: ScheduledWebhook[] = [];
    const bank = new BankSandboxGateway({
      webhookSecret: SECRET,
      scheduleWebhook: (webhook) => void scheduled.push(webhook),
      clock: { sleep: async () => undefined },
    });
    const settle = tokenizeBankAccount(
      { type: 'bank_transfer', accountHolder: 'A', iban: 'DE89370400440532013000' },
      'cd'.repeat(8),
    );
    if (!settle.ok) throw new Error('tokenize');
    expect(settle.method.last4).toBe('3000');
    const answer = await bank.authorize(request(settle.method.token, 'k1'));
    expect(answer).toMatchObject({ outcome: 'pending', retryable: false });
    await bank.authorize(request(settle.method.token, 'k1'));
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.payload).toMatchObject({
      type: 'transfer.settled',
      data: { reference: answer.gatewayReference },
    });
    const delivered = signWebhook(SECRET, scheduled[0]!.payload, Date.now());
    expect(bank.parseWebhook(delivered.signature, delivered.rawBody, Date.now())).toMatchObject({ ok: true });
    const duplicates = new Set<boolean>();
    for (let index = 0; index < 20; index += 1) {
      await bank.authorize(request(settle.method.token, `k${index + 2}`));
      duplicates.add(scheduled.at(-1)!.duplicate);
    }
    expect(duplicates).toEqual(new Set([true, false]));
  });

  it('fails the transfer for IBANs ending in 0002', async () => {
    const scheduled: ScheduledWebhook[] = [];
    const bank = new BankSandboxGateway({
      webhookSecret: SECRET,
      scheduleWebhook: (w) => void scheduled.push(w),
      clock: { sleep: async () => undefined },
    });
    const failing = tokenizeBankAccount(
      { type: 'bank_transfer', accountHolder: 'A', iban: 'DE89370400440532010002' },
      'cd'.repeat(8),
    );
    if (!failing.ok) throw new Error('tokenize');
    await bank.authorize(request(failing.method.token, 'f1'));
    expect(scheduled[0]?.payload).toMatchObject({ type: 'transfer.failed', data: { failureCode: 'transfer_failed' } });
  });
});
