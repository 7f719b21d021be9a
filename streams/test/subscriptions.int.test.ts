import crypto from 'node:crypto';
import { TOPICS, topicName } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { createAccount, createOrganization, envelope, processorTestClients, waitUntil } from './helpers.ts';

const { env, pool, kafka, producer } = processorTestClients();
const DAY_MS = 86_400_000;
/** Barrier invoices retried while the billing app's master data has not caught up with a new account. */
const BARRIER_ATTEMPTS_MAX = 50;

async function send(topic: 'billing' | 'subscriptions', organizationId: string, type: string, data: object) {
  const spec = topic === 'billing' ? TOPICS.billingCommands : TOPICS.subscriptionCommands;
  await producer.send({
    topic: topicName(spec, env.topicPrefix),
    acks: -1,
    messages: [
      {
        key: organizationId,
        value: JSON.stringify(envelope(type, { organizationId, ...data, requestedAt: new Date().toISOString() })),
      },
    ],
  });
}

/**
 * A hand-made invoice on billing-commands, waited for. Billing reads one
 * organization's commands in order, so once it is decided, every invoice the
 * subscriptions app produced before it has been decided too; the first one
 * also proves the billing app knows the account.
 */
async function billingBarrier(organizationId: string, accountId: string): Promise<void> {
  for (let attempt = 0; attempt < BARRIER_ATTEMPTS_MAX; attempt += 1) {
    const invoiceId = crypto.randomUUID();
    await send('billing', organizationId, 'CreateInvoice', {
      invoiceId,
      accountId,
      currency: 'USD',
      priceMode: 'tax_exclusive',
      lines: [{ description: 'Barrier', quantity: '1', unitPrice: '1', taxCategory: 'zero' }],
      discounts: [],
      draft: true,
      memo: 'barrier',
    });
    // A refusal (account_not_found while master data catches up) leaves no row: try again with a new id.
    const seen = async () =>
      (await pool.query('SELECT 1 FROM invoices WHERE id = $1', [invoiceId])).rows[0] ? true : null;
    const decided = await waitUntil('barrier invoice', seen, 30).catch(() => false);
    if (decided) return;
  }
  throw new Error('the billing app never saw the account');
}

async function subscriptionInvoices(subscriptionId: string) {
  const result = await pool.query(
    `SELECT id, status, total_amount::text AS total, issue_date::text AS issue_date
       FROM invoices WHERE memo = $1 ORDER BY invoice_number`,
    [`Subscription ${subscriptionId}`],
  );
  return result.rows;
}

/**
 * Unpaid renewals stay open and the subscription stays active: this file
 * counts renewals, and the account has no card, so automatic collection's
 * default policy (pause after the last retry, docs/collection.md) would
 * otherwise pause it while one long clock advance is still renewing.
 */
async function leaveUnpaidRenewalsAlone(organizationId: string): Promise<void> {
  const settings = { collection_subscription_action: 'none', collection_invoice_action: 'leave_open' };
  await producer.send({
    topic: topicName(TOPICS.masterData, env.topicPrefix),
    acks: -1,
    messages: Object.entries(settings).map(([key, value]) => ({
      key: `configuration:${organizationId}:${key}`,
      value: JSON.stringify(
        envelope('ConfigurationUpserted', {
          id: crypto.randomUUID(),
          organizationId,
          key,
          valueType: 'string',
          value,
          updatedAt: new Date().toISOString(),
        }),
      ),
    })),
  });
}

async function subscriptionRow(id: string) {
  const result = await pool.query(
    'SELECT status, periods_billed, current_period_start, current_period_end FROM subscriptions WHERE id = $1',
    [id],
  );
  return result.rows[0];
}

describe('recurring billing (real Kafka, PostgreSQL, Redis; a test clock, no sleeping)', () => {
  it('a trial ends into one invoice; advancing two periods issues exactly two more', async () => {
    const org = await createOrganization(pool);
    const account = await createAccount(pool, 'USD', '0', kafka, org);
    await leaveUnpaidRenewalsAlone(org);
    const startMs = Date.parse('2027-03-10T09:00:00.000Z');
    const advance = (nowMs: number) =>
      send('billing', org, 'TestClockAdvanced', { nowAt: new Date(nowMs).toISOString() });
    await advance(startMs);
    await billingBarrier(org, account);
    const planId = crypto.randomUUID();
    await send('subscriptions', org, 'UpsertPlan', {
      planId,
      code: 'PRO',
      name: 'Pro',
      price: '49.00',
      currency: 'USD',
      interval: 'month',
      trialDays: 14,
      taxCategory: 'zero',
      active: true,
    });
    const subscriptionId = crypto.randomUUID();
    await send('subscriptions', org, 'CreateSubscription', { subscriptionId, accountId: account, planId });
    const created = await waitUntil('subscription row', () => subscriptionRow(subscriptionId));
    expect(created).toMatchObject({ status: 'trialing', periods_billed: 0 });
    // The plans view is its own sink: it may land after the subscription row.
    const plan = await waitUntil('plan row', async () => {
      const rows = await pool.query('SELECT price::text AS price, trial_days FROM plans WHERE id = $1', [planId]);
      return rows.rows[0] ?? null;
    });
    expect(plan).toEqual({ price: '49.0000', trial_days: 14 });

    await advance(startMs + 15 * DAY_MS); // the trial ended on 2027-03-24
    await waitUntil('first renewal', async () =>
      (await subscriptionRow(subscriptionId))?.periods_billed === 1 ? 1 : null,
    );
    await billingBarrier(org, account);
    const first = await subscriptionInvoices(subscriptionId);
    expect(first).toEqual([{ id: expect.any(String), status: 'open', total: '49.0000', issue_date: '2027-03-25' }]);

    await advance(Date.parse('2027-05-25T00:00:00.000Z')); // past 2027-04-24 and 2027-05-24
    await waitUntil('two renewals', async () =>
      (await subscriptionRow(subscriptionId))?.periods_billed === 3 ? 3 : null,
    );
    await advance(Date.parse('2027-05-26T00:00:00.000Z')); // a further advance inside the period bills nothing
    await billingBarrier(org, account);
    const all = await subscriptionInvoices(subscriptionId);
    expect(all).toHaveLength(3);
    expect(new Set(all.map((row) => row.id)).size).toBe(3);
    expect(await subscriptionRow(subscriptionId)).toMatchObject({
      status: 'active',
      periods_billed: 3,
      current_period_start: new Date('2027-05-24T09:00:00.000Z'),
      current_period_end: new Date('2027-06-24T09:00:00.000Z'),
    });
  });
});
