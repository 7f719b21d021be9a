import { randomUUID } from 'node:crypto';
import { MoneyDecimal, type PaymentResource } from '@billstream/contracts';
import { computeSignature, gatewayWebhookSecret, signatureHeader, WEBHOOK_TOLERANCE_S } from '@billstream/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anActiveAccount, BASE_URL, getJson, pollUntil } from './support/api';
import { closeFixtures, db } from './support/fixtures';
import { invoiceRow, issueInvoice } from './support/invoices';
import { adminSession, type Session } from './support/session';

let admin: Session;
let organizationId: string;
const TERMINAL = ['succeeded', 'failed', 'canceled', 'requires_capture', 'requires_action'];

beforeAll(async () => {
  admin = await adminSession();
  organizationId = (await admin.get<{ organization: { id: string } }>('/api/auth/session')).body.organization.id;
});

afterAll(async () => {
  await closeFixtures();
});

async function addCard(accountId: string, number: string) {
  const response = await admin.post<{ id: string; last4: string; brand: string }>('/api/v1/payment-methods', {
    accountId,
    method: { type: 'card', number, expMonth: 12, expYear: 2099, cvc: '123' },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function pay(body: object) {
  const response = await admin.post<{ id: string }>('/api/v1/payments', body, {
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body.id;
}

async function settled(id: string, until = (p: PaymentResource) => TERMINAL.includes(p.status)) {
  const response = await pollUntil<PaymentResource>(`/api/v1/payments/${id}`, (r) => r.status === 200 && until(r.body));
  expect(response.status).toBe(200);
  return response.body;
}

async function balanceOf(accountId: string): Promise<string> {
  return (await getJson<{ balance: string }>(`/api/v1/accounts/${accountId}`)).body.balance;
}

async function balanceBecomes(accountId: string, expected: MoneyDecimal) {
  const response = await pollUntil<{ balance: string }>(`/api/v1/accounts/${accountId}`, (r) =>
    new MoneyDecimal(r.body.balance).eq(expected),
  );
  expect(new MoneyDecimal(response.body.balance).toFixed(2)).toBe(expected.toFixed(2));
}

async function invoiceBecomes(id: string, status: string) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const row = await invoiceRow(id);
    if (row?.status === status) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return invoiceRow(id);
}

describe('payments on the real services', () => {
  it('pays an invoice with the sandbox card (paid, balance credited), then a partial refund reverses part of it', async () => {
    const account = await anActiveAccount();
    const before = new MoneyDecimal(await balanceOf(account.id));
    const invoiceId = await issueInvoice(organizationId, account.id, account.currency, '25.00');
    const card = await addCard(account.id, '4242 4242 4242 4242');
    expect(card).toMatchObject({ brand: 'visa', last4: '4242' });
    const stored = await db().paymentMethod.findUniqueOrThrow({ where: { id: card.id } });
    expect(JSON.stringify(stored)).not.toContain('4242424242424242');
    const id = await pay({ invoiceId, paymentMethodId: card.id, confirm: true });
    const payment = await settled(id);
    expect(payment).toMatchObject({ status: 'succeeded', amountCaptured: '25.00', gateway: 'card', invoiceId });
    expect(payment.history.map((h) => h.status)).toEqual([
      'requires_confirmation',
      'processing',
      'processing',
      'succeeded',
    ]);
    expect(await invoiceBecomes(invoiceId, 'paid')).toMatchObject({ status: 'paid', amount_due: '0.0000' });
    await balanceBecomes(account.id, before.plus('25.00'));

    const refund = await admin.post<{ id: string }>(
      `/api/v1/payments/${id}/refunds`,
      { amount: '10.00', reason: 'int: partial' },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(refund.status, JSON.stringify(refund.body)).toBe(202);
    const refunded = await settled(id, (p) => p.refunds.some((r) => r.status !== 'pending'));
    expect(refunded.refunds).toMatchObject([{ id: refund.body.id, amount: '10.00', status: 'succeeded' }]);
    expect(refunded.amountRefunded).toBe('10.00');
    expect(await invoiceBecomes(invoiceId, 'partially_paid')).toMatchObject({ amount_due: '10.0000' });
    await balanceBecomes(account.id, before.plus('15.00'));
    const tooMuch = await admin.post(
      `/api/v1/payments/${id}/refunds`,
      { amount: '15.01' },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(tooMuch.status).toBe(422);
  });

  it('a declined card fails with its reason and credits nothing', async () => {
    const account = await anActiveAccount();
    const card = await addCard(account.id, '4000000000000002');
    const id = await pay({
      accountId: account.id,
      amount: '3.00',
      currency: account.currency,
      paymentMethodId: card.id,
      confirm: true,
    });
    const payment = await settled(id);
    expect(payment).toMatchObject({
      status: 'failed',
      failureCode: 'card_declined',
      failureMessage: 'The card was declined',
    });
    expect(await db().transaction.count({ where: { id } })).toBe(0);
  });

  it('a gateway timeout falls back to the next gateway, and the success rates show it', async () => {
    const account = await anActiveAccount('USD');
    const card = await addCard(account.id, '4000000000000119');
    const id = await pay({
      accountId: account.id,
      amount: '4.00',
      currency: account.currency,
      paymentMethodId: card.id,
      confirm: true,
    });
    const payment = await settled(id);
    expect(payment).toMatchObject({ status: 'succeeded', gateway: 'card_backup' });
    expect(payment.history.map((h) => h.detail)).toContain('card: network_timeout, falling back to card_backup');
    const stats = await getJson<{ data: { gateway: string; attempts: number; succeeded: number }[] }>(
      '/api/v1/payment-gateways',
    );
    const cardStats = stats.body.data.find((s) => s.gateway === 'card')!;
    expect(cardStats.attempts).toBeGreaterThan(cardStats.succeeded);
  });

  it('a bank transfer stays processing until the signed webhook settles it, credited once despite duplicates', async () => {
    const account = await anActiveAccount();
    const added = await admin.post<{ id: string; last4: string }>('/api/v1/payment-methods', {
      accountId: account.id,
      method: { type: 'bank_transfer', accountHolder: 'Int Test', iban: 'DE89 3704 0044 0532 0130 00' },
    });
    expect(added.status).toBe(201);
    const before = new MoneyDecimal(await balanceOf(account.id));
    const id = await pay({
      accountId: account.id,
      amount: '7.00',
      currency: account.currency,
      paymentMethodId: added.body.id,
      confirm: true,
    });
    const payment = await settled(id, (p) => p.status === 'succeeded' || p.status === 'failed');
    expect(payment).toMatchObject({ status: 'succeeded', amountCaptured: '7.00', gateway: 'bank' });
    // The gateway answered pending first; only the webhook settled it.
    expect(payment.history.map((h) => h.detail)).toEqual([
      'created',
      'sent to bank',
      'bank: transfer initiated, waiting for settlement',
      expect.stringMatching(/^transfer bank_tr_\w+ settled$/),
    ]);
    await balanceBecomes(account.id, before.plus('7.00'));
    expect(await db().transaction.count({ where: { id } })).toBe(1);
  });

  it('manual capture of part of an authorization; cancel voids another', async () => {
    const account = await anActiveAccount();
    const card = await addCard(account.id, '5555555555554444');
    const id = await pay({
      accountId: account.id,
      amount: '9.00',
      currency: account.currency,
      paymentMethodId: card.id,
      captureMethod: 'manual',
      confirm: true,
    });
    expect(await settled(id)).toMatchObject({ status: 'requires_capture', amountCapturable: '9.00' });
    expect((await admin.post(`/api/v1/payments/${id}/capture`, { amount: '4.50' })).status).toBe(202);
    expect(await settled(id, (p) => p.status === 'succeeded')).toMatchObject({ amountCaptured: '4.50' });
    const other = await pay({
      accountId: account.id,
      amount: '2.00',
      currency: account.currency,
      paymentMethodId: card.id,
      captureMethod: 'manual',
      confirm: true,
    });
    await settled(other);
    expect((await admin.post(`/api/v1/payments/${other}/cancel`, { reason: 'int' })).status).toBe(202);
    expect(await settled(other, (p) => p.status === 'canceled')).toMatchObject({ status: 'canceled' });
  });
});

describe('POST /api/v1/webhooks/:gateway', () => {
  const master = process.env.PAYMENTS_WEBHOOK_SECRET ?? '';
  const secret = () => gatewayWebhookSecret(master, 'bank');
  const body = (id: string) =>
    JSON.stringify({
      id,
      type: 'transfer.settled',
      created: Math.floor(Date.now() / 1000),
      data: { paymentId: randomUUID(), reference: 'bank_tr_int', failureCode: null },
    });
  const post = (rawBody: string, signature: string, gateway = 'bank') =>
    fetch(`${BASE_URL}/api/v1/webhooks/${gateway}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'billstream-signature': signature },
      body: rawBody,
    });
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a signed event once (202) and answers a replay as a duplicate (200)', async () => {
    expect(master.length).toBeGreaterThanOrEqual(16);
    const raw = body(`evt_${randomUUID()}`);
    const signature = signatureHeader(secret(), now(), raw);
    const first = await post(raw, signature);
    expect(first.status).toBe(202);
    const replay = await post(raw, signature);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });
  });

  it('refuses tampered, stale and wrongly signed events with a problem naming the signature', async () => {
    const raw = body(`evt_${randomUUID()}`);
    const tampered = await post(
      raw.replace('transfer.settled', 'transfer.failed'),
      signatureHeader(secret(), now(), raw),
    );
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({
      errors: [{ name: 'header.billstream-signature', reason: 'mismatch' }],
    });
    const old = now() - WEBHOOK_TOLERANCE_S - 5;
    const stale = await post(raw, `t=${old},v1=${computeSignature(secret(), old, raw)}`);
    expect(await stale.json()).toMatchObject({ status: 400, errors: [{ reason: 'stale' }] });
    const wrong = await post(
      raw,
      signatureHeader(gatewayWebhookSecret('not-the-configured-secret', 'bank'), now(), raw),
    );
    expect(await wrong.json()).toMatchObject({ status: 400, errors: [{ reason: 'mismatch' }] });
    const unknown = await post(raw, signatureHeader(secret(), now(), raw), 'paypal');
    expect(unknown.status).toBe(404);
  });
});
