import crypto from 'node:crypto';
import { TOPICS, topicName } from '@billstream/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  envelope,
  kafkaClient,
  sharedProducer,
  testEnv,
  waitUntil,
} from './helpers.ts';

/**
 * Automatic collection on the running processors (billing, payments with its
 * gateway worker, subscriptions, ledger): charges at issue, retries on the
 * test clock, the dunning policy, and one ledger rule for every method.
 */
const env = testEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 4 });
const kafka = kafkaClient(env.kafkaBrokers);
const producer = sharedProducer(kafka, pool, { beforeAll, afterAll });
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How long "nothing happens" is watched before the clock moves on. */
const QUIET_MS = 3_000;

type Topic = 'billing' | 'subscriptions' | 'master';
const TOPIC_OF = {
  billing: TOPICS.billingCommands,
  subscriptions: TOPICS.subscriptionCommands,
  master: TOPICS.masterData,
};

async function send(topic: Topic, key: string, type: string, data: object) {
  await producer.send({
    topic: topicName(TOPIC_OF[topic], env.topicPrefix),
    acks: -1,
    messages: [{ key, value: JSON.stringify(envelope(type, data)) }],
  });
}

/** A fresh organization on a test clock, with an account whose default card behaves as `scenario`. */
async function customer(scenario: 'success' | 'declined', startMs: number) {
  const organizationId = await createOrganization(pool);
  const accountId = await createAccount(pool, 'USD', '0', kafka, organizationId);
  const method = {
    id: crypto.randomUUID(),
    type: 'card',
    token: `tok_card_${scenario}_${crypto.randomBytes(16).toString('hex')}`,
    brand: 'visa',
    last4: scenario === 'success' ? '4242' : '0002',
  };
  // The row the web app keeps (payments reference it); the token is what billing charges.
  await pool.query(
    `INSERT INTO payment_methods (id, organization_id, account_id, type, brand, last4, gateway, gateway_token, is_default)
     VALUES ($1, $2, $3, 'card', $4, $5, 'card', $6, true)`,
    [method.id, organizationId, accountId, method.brand, method.last4, method.token],
  );
  const updatedAt = new Date().toISOString();
  await send('master', `payment_method:${accountId}`, 'DefaultPaymentMethodSet', {
    accountId,
    organizationId,
    method,
    updatedAt,
  });
  await clock(organizationId, startMs);
  return { organizationId, accountId };
}

async function clock(organizationId: string, nowMs: number) {
  const nowAt = new Date(nowMs).toISOString();
  await send('billing', organizationId, 'TestClockAdvanced', { organizationId, nowAt, requestedAt: nowAt });
  await waitUntil('test clock', async () => {
    const row = await pool.query('SELECT 1 FROM test_clocks WHERE organization_id = $1 AND now_at = $2', [
      organizationId,
      nowAt,
    ]);
    return row.rows[0];
  });
}

/** Sends CreateInvoice until billing's master-data table knows the account and its card. */
async function invoiceFor(organizationId: string, accountId: string, collection: 'automatic' | 'manual') {
  const invoiceId = crypto.randomUUID();
  const line = { description: 'Consulting', quantity: '1', unitPrice: '49.90', taxCategory: 'zero' };
  await send('billing', organizationId, 'CreateInvoice', {
    invoiceId,
    organizationId,
    accountId,
    currency: 'USD',
    priceMode: 'tax_exclusive',
    lines: [line],
    discounts: [],
    draft: false,
    collection,
    requestedAt: new Date().toISOString(),
  });
  await waitUntil('issued invoice', async () => (await invoice(invoiceId)) ?? null);
  return invoiceId;
}

async function invoice(id: string) {
  const result = await pool.query(
    `SELECT status, amount_paid::text AS paid, amount_due::text AS due, collection, payment_attempts AS attempts,
            next_payment_attempt_at AS next, last_payment_error AS error FROM invoices WHERE id = $1`,
    [id],
  );
  return result.rows[0] as
    | {
        status: string;
        paid: string;
        due: string;
        collection: string;
        attempts: number;
        next: Date | null;
        error: string | null;
      }
    | undefined;
}

async function timeline(id: string): Promise<string[]> {
  const result = await pool.query<{ event_type: string }>(
    'SELECT event_type FROM invoice_status_history WHERE invoice_id = $1 ORDER BY version',
    [id],
  );
  return result.rows.map((row) => row.event_type);
}

async function failures(id: string): Promise<number> {
  return (await timeline(id)).filter((type) => type === 'InvoicePaymentFailed').length;
}

async function ledgerOf(accountId: string) {
  const result = await pool.query(
    `SELECT id, transaction_type AS type, amount::text AS amount, reference_id AS reference FROM transactions
      WHERE account_id = $1 ORDER BY created_at`,
    [accountId],
  );
  return result.rows as { id: string; type: string; amount: string; reference: string | null }[];
}

describe('automatic collection', () => {
  it('charges an automatic invoice on issue: it is paid and the ledger credits the account once', async () => {
    const { organizationId, accountId } = await customer('success', Date.parse('2026-12-01T09:00:00Z'));
    const id = await invoiceFor(organizationId, accountId, 'automatic');
    await waitUntil('paid invoice', async () => ((await invoice(id))?.status === 'paid' ? true : null));
    expect(await invoice(id)).toMatchObject({ paid: '49.9000', due: '0.0000', collection: 'automatic', attempts: 1 });
    const ledger = await waitUntil('ledger credit', async () => {
      const rows = await ledgerOf(accountId);
      return rows.length > 0 ? rows : null;
    });
    expect(ledger).toMatchObject([{ type: 'credit', amount: '49.9000', reference: id }]);
    expect(await timeline(id)).toEqual(['InvoiceDrafted', 'InvoiceIssued', 'InvoiceChargeRequested', 'InvoicePaid']);
  });

  it('a manual payment reaches the ledger exactly like a card payment', async () => {
    const { organizationId, accountId } = await customer('success', Date.parse('2026-12-01T09:00:00Z'));
    const card = await invoiceFor(organizationId, accountId, 'automatic');
    const manual = await invoiceFor(organizationId, accountId, 'manual');
    const paymentId = crypto.randomUUID();
    await send('billing', organizationId, 'ApplyInvoicePayment', {
      invoiceId: manual,
      organizationId,
      requestedAt: new Date().toISOString(),
      paymentId,
      amount: '49.90',
      method: 'manual',
    });
    const ledger = await waitUntil('two ledger credits', async () => {
      const rows = await ledgerOf(accountId);
      return rows.length === 2 ? rows : null;
    });
    const byInvoice = new Map(ledger.map((row) => [row.reference, row]));
    expect(byInvoice.get(manual)).toMatchObject({ id: paymentId, type: 'credit', amount: '49.9000' });
    expect(byInvoice.get(card)).toMatchObject({ type: 'credit', amount: '49.9000' });
    expect((await invoice(manual))?.status).toBe('paid');
  });

  it('a declining card is retried at 1, 3, 5 and 7 days of test-clock time, then the invoice is written off and the subscription paused', async () => {
    const startMs = Date.parse('2026-12-01T09:00:00Z');
    const { organizationId, accountId } = await customer('declined', startMs);
    const planId = crypto.randomUUID();
    const subscriptionId = crypto.randomUUID();
    const at = new Date(startMs).toISOString();
    await send('subscriptions', organizationId, 'UpsertPlan', {
      planId,
      organizationId,
      code: 'PRO',
      name: 'Pro',
      price: '20.00',
      currency: 'USD',
      interval: 'month',
      trialDays: 0,
      taxCategory: 'zero',
      active: true,
      requestedAt: at,
    });
    await send('subscriptions', organizationId, 'CreateSubscription', {
      subscriptionId,
      organizationId,
      requestedAt: at,
      accountId,
      planId,
    });
    const id = await waitUntil('subscription invoice', async () => {
      const rows = await pool.query('SELECT id FROM invoices WHERE account_id = $1', [accountId]);
      return rows.rows[0]?.id as string | undefined;
    });
    await waitUntil('first failure', async () => ((await failures(id)) === 1 ? true : null));
    await waitUntil('failure on the invoice', async () =>
      (await invoice(id))?.error === 'card_declined' ? true : null,
    );
    expect((await invoice(id))?.next?.toISOString()).toBe(new Date(startMs + DAY_MS).toISOString());
    await clock(organizationId, startMs + DAY_MS - HOUR_MS);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(await failures(id)).toBe(1);
    for (const [day, failed] of [
      [1, 2],
      [3, 3],
      [5, 4],
    ] as const) {
      await clock(organizationId, startMs + day * DAY_MS);
      await waitUntil(`failure ${failed}`, async () => ((await failures(id)) === failed ? true : null));
      expect((await invoice(id))?.status).toBe('open');
    }
    await clock(organizationId, startMs + 7 * DAY_MS);
    await waitUntil('written off', async () => ((await invoice(id))?.status === 'uncollectible' ? true : null));
    expect(await failures(id)).toBe(5);
    expect(await invoice(id)).toMatchObject({ attempts: 5, next: null, error: 'card_declined' });
    const subscription = await waitUntil('paused subscription', async () => {
      const rows = await pool.query('SELECT status FROM subscriptions WHERE id = $1', [subscriptionId]);
      return rows.rows[0]?.status === 'paused' ? rows.rows[0] : null;
    });
    expect(subscription).toEqual({ status: 'paused' });
    expect(await ledgerOf(accountId)).toEqual([]);
  });
});
