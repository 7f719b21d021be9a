import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { TOPICS, topicName } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { command, createAccount, createOrganization, envelope, processorTestClients, waitUntil } from './helpers.ts';

// The analytics app as `npm test` runs it, beside the ledger and billing apps:
// commands go in through their topics, the aggregates come out in PostgreSQL
// and Redis.
const { env, pool, kafka, producer, redis } = processorTestClients({ redis: true });
/** CreateInvoice is retried while the billing app's master data has not caught up with a new account. */
const CREATE_ATTEMPTS_MAX = 50;

async function send(spec: (typeof TOPICS)[keyof typeof TOPICS], key: string, value: object) {
  await producer.send({
    topic: topicName(spec, env.topicPrefix),
    acks: -1,
    messages: [{ key, value: JSON.stringify(value) }],
  });
}

async function createInvoice(organizationId: string, accountId: string, unitPrice: string): Promise<string> {
  for (let attempt = 0; attempt < CREATE_ATTEMPTS_MAX; attempt += 1) {
    const invoiceId = crypto.randomUUID();
    await send(
      TOPICS.billingCommands,
      organizationId,
      envelope('CreateInvoice', {
        invoiceId,
        organizationId,
        accountId,
        currency: 'USD',
        priceMode: 'tax_exclusive',
        lines: [{ description: 'Consulting', quantity: '2', unitPrice, taxCategory: 'zero' }],
        discounts: [],
        draft: false,
        requestedAt: new Date().toISOString(),
      }),
    );
    const outcome = await waitUntil('invoice verdict', async () => {
      const row = await pool.query('SELECT status FROM invoices WHERE id = $1', [invoiceId]);
      if (row.rows[0]) return 'issued';
      const fields = await redis.hgetall(`bs:billing-rejection:${invoiceId}`);
      return Object.keys(fields).length > 0 ? fields.reason : null;
    });
    if (outcome === 'issued') return invoiceId;
    if (outcome !== 'account_not_found') throw new Error(`rejected: ${outcome}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the billing app never saw the account');
}

const revenueOf = async (organizationId: string) =>
  (
    await pool.query(
      `SELECT sum(invoiced_amount)::text AS invoiced, sum(collected_amount)::text AS collected,
              sum(issued_count)::int AS issued, sum(paid_count)::int AS paid
         FROM analytics_revenue_daily WHERE organization_id = $1 HAVING count(*) > 0`,
      [organizationId],
    )
  ).rows[0];

describe('analytics processor (real Kafka, PostgreSQL, Redis)', () => {
  it('aggregates transactions, invoices and payments per organization, and rebuilds a view from its topic', async () => {
    const org = await createOrganization(pool);
    const account = await createAccount(pool, 'USD', '0', kafka, org);
    for (const [type, amount] of [
      ['credit', '100.00'],
      ['debit', '30.25'],
      ['debit', '500.00'],
    ] as const) {
      await send(TOPICS.transactionCommands, account, command(account, type, amount));
    }
    const minutes = await waitUntil('transactions per minute', async () => {
      const result = await pool.query(
        `SELECT sum(completed_count)::int AS completed, sum(rejected_count)::int AS rejected,
                sum(credit_amount)::text AS credits, sum(debit_amount)::text AS debits
           FROM analytics_transactions_minute WHERE organization_id = $1`,
        [org],
      );
      const row = result.rows[0];
      return row && row.completed + row.rejected === 3 ? row : null;
    });
    // The 500.00 debit exceeds the balance: the ledger rejects it.
    expect(minutes).toEqual({ completed: 2, rejected: 1, credits: '100.0000', debits: '30.2500' });
    const live = await waitUntil('live minute in Redis', async () => {
      const keys = await redis.keys(`bs:analytics:tx:${org}:*:USD`);
      const hashes = await Promise.all(keys.map((key) => redis.hgetall(key)));
      const completed = hashes.reduce((n, hash) => n + Number(hash.completed ?? 0), 0);
      return completed === 2 ? completed : null;
    });
    expect(live).toBe(2);

    const paid = await createInvoice(org, account, '40.00');
    await createInvoice(org, account, '5.50');
    await send(
      TOPICS.billingCommands,
      org,
      envelope('ApplyInvoicePayment', {
        invoiceId: paid,
        organizationId: org,
        paymentId: crypto.randomUUID(),
        amount: '80.00',
        method: 'card',
        requestedAt: new Date().toISOString(),
      }),
    );
    const revenue = await waitUntil('daily revenue', async () => {
      const row = await revenueOf(org);
      return row?.paid === 1 && row.issued === 2 ? row : null;
    });
    expect(revenue).toEqual({ invoiced: '91.0000', collected: '80.0000', issued: 2, paid: 1 });
    const receivables = await waitUntil('receivables', async () => {
      const result = await pool.query(
        'SELECT status, amount_due::text AS due FROM analytics_receivables WHERE organization_id = $1 ORDER BY amount_due',
        [org],
      );
      return result.rows.length === 2 && result.rows[0].status === 'paid' ? result.rows : null;
    });
    expect(receivables).toEqual([
      { status: 'paid', due: '0.0000' },
      { status: 'open', due: '11.0000' },
    ]);

    const payment = (status: string, gateway: string) =>
      send(
        TOPICS.paymentEvents,
        crypto.randomUUID(),
        envelope('PaymentIntentUpdated', {
          payment: { id: crypto.randomUUID(), organizationId: org, gateway, status },
          previousStatus: 'processing',
        }),
      );
    await payment('succeeded', 'card');
    await payment('succeeded', 'card');
    await payment('failed', 'card');
    const outcomes = await waitUntil('payment outcomes', async () => {
      const result = await pool.query(
        `SELECT sum(succeeded_count)::int AS succeeded, sum(failed_count)::int AS failed
           FROM analytics_payments_hourly WHERE organization_id = $1 AND gateway = 'card'`,
        [org],
      );
      const row = result.rows[0];
      return row && row.succeeded + row.failed === 3 ? row : null;
    });
    expect(outcomes).toEqual({ succeeded: 2, failed: 1 });

    // `streams rebuild` restores a damaged view from the analytics app's view topic.
    await pool.query('DELETE FROM analytics_revenue_daily WHERE organization_id = $1', [org]);
    const rebuilt = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'streams/src/cli.ts', 'rebuild', 'analytics_revenue_daily'],
      { cwd: path.resolve(import.meta.dirname, '..', '..'), env: process.env, encoding: 'utf8' },
    );
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain('rebuilt analytics_revenue_daily');
    expect(await revenueOf(org)).toEqual(revenue);
  }, 120_000);
});
