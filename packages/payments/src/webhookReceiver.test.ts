import { describe, expect, it } from 'vitest';
import { BankSandboxGateway, type ScheduledWebhook, signWebhook } from './gateways/bankSandbox.ts';
import { receiveWebhook } from './webhookReceiver.ts';
import { computeSignature, gatewayWebhookSecret, verifySignature, WEBHOOK_TOLERANCE_S } from './webhookSignature.ts';

const SECRET = gatewayWebhookSecret('test-master-secret-0123456789', 'bank');
const NOW_MS = Date.UTC(2026, 10, 25, 12, 0, 0);
const PAYMENT_ID = '00000000-0000-4000-8000-000000000001';

const payload: ScheduledWebhook['payload'] = {
  id: 'evt_1',
  type: 'transfer.settled',
  data: { paymentId: PAYMENT_ID, reference: 'bank_tr_1', failureCode: null },
};

function setup() {
  const bank = new BankSandboxGateway({ webhookSecret: SECRET, scheduleWebhook: () => undefined });
  const claimed = new Set<string>();
  const claim = async (gateway: string, eventId: string) => {
    const key = `${gateway}:${eventId}`;
    if (claimed.has(key)) return false;
    claimed.add(key);
    return true;
  };
  return { bank, claim };
}

describe('webhook verification and deduplication', () => {
  it('accepts a correctly signed, fresh webhook and parses it', async () => {
    const { bank, claim } = setup();
    const { rawBody, signature } = signWebhook(SECRET, payload, NOW_MS);
    const receipt = await receiveWebhook(bank, signature, rawBody, NOW_MS + 1_000, claim);
    expect(receipt).toEqual({
      status: 'accepted',
      webhook: {
        eventId: 'evt_1',
        kind: 'transfer.settled',
        paymentId: PAYMENT_ID,
        gatewayReference: 'bank_tr_1',
        code: null,
      },
    });
  });

  it('rejects a tampered body', async () => {
    const { bank, claim } = setup();
    const { rawBody, signature } = signWebhook(SECRET, payload, NOW_MS);
    const tampered = rawBody.replace('transfer.settled', 'transfer.failed');
    expect(await receiveWebhook(bank, signature, tampered, NOW_MS, claim)).toEqual({
      status: 'rejected',
      reason: 'mismatch',
    });
  });

  it('rejects a tampered signature or timestamp', () => {
    const { rawBody, signature } = signWebhook(SECRET, payload, NOW_MS);
    const flipped = signature.replace(/v1=(.)/, (_m, c: string) => `v1=${c === 'a' ? 'b' : 'a'}`);
    expect(verifySignature(SECRET, flipped, rawBody, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
    const movedTime = signature.replace(/t=(\d+)/, (_m, t: string) => `t=${Number(t) + 1}`);
    expect(verifySignature(SECRET, movedTime, rawBody, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a stale webhook (older than the tolerance) even when the signature is right', async () => {
    const { bank, claim } = setup();
    const { rawBody, signature } = signWebhook(SECRET, payload, NOW_MS);
    const late = NOW_MS + (WEBHOOK_TOLERANCE_S + 1) * 1000;
    expect(await receiveWebhook(bank, signature, rawBody, late, claim)).toEqual({
      status: 'rejected',
      reason: 'stale',
    });
    const justInTime = NOW_MS + WEBHOOK_TOLERANCE_S * 1000;
    expect((await receiveWebhook(bank, signature, rawBody, justInTime, claim)).status).toBe('accepted');
  });

  it('rejects a webhook signed with the wrong secret (another gateway or master secret)', async () => {
    const { bank, claim } = setup();
    const otherGateway = gatewayWebhookSecret('test-master-secret-0123456789', 'card');
    const otherMaster = gatewayWebhookSecret('another-master-secret-98765', 'bank');
    for (const wrong of [otherGateway, otherMaster]) {
      const { rawBody, signature } = signWebhook(wrong, payload, NOW_MS);
      expect(await receiveWebhook(bank, signature, rawBody, NOW_MS, claim)).toEqual({
        status: 'rejected',
        reason: 'mismatch',
      });
    }
  });

  it('answers duplicate for a replayed event id, and only the first delivery is accepted', async () => {
    const { bank, claim } = setup();
    const first = signWebhook(SECRET, payload, NOW_MS);
    const again = signWebhook(SECRET, payload, NOW_MS + 5_000);
    expect((await receiveWebhook(bank, first.signature, first.rawBody, NOW_MS, claim)).status).toBe('accepted');
    expect(await receiveWebhook(bank, first.signature, first.rawBody, NOW_MS, claim)).toEqual({
      status: 'duplicate',
      eventId: 'evt_1',
    });
    expect(await receiveWebhook(bank, again.signature, again.rawBody, NOW_MS + 5_000, claim)).toEqual({
      status: 'duplicate',
      eventId: 'evt_1',
    });
  });

  it('rejects missing and malformed signature headers and invalid payloads', async () => {
    const { bank, claim } = setup();
    const { rawBody } = signWebhook(SECRET, payload, NOW_MS);
    expect(await receiveWebhook(bank, undefined, rawBody, NOW_MS, claim)).toEqual({
      status: 'rejected',
      reason: 'missing',
    });
    expect(await receiveWebhook(bank, 't=abc,v1=zz', rawBody, NOW_MS, claim)).toEqual({
      status: 'rejected',
      reason: 'malformed',
    });
    const body = '{"id":"evt_2","type":"something.else"}';
    const ts = Math.floor(NOW_MS / 1000);
    const header = `t=${ts},v1=${computeSignature(SECRET, ts, body)}`;
    expect(await receiveWebhook(bank, header, body, NOW_MS, claim)).toEqual({
      status: 'rejected',
      reason: 'invalid_payload',
    });
  });
});
