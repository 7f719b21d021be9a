import crypto from 'node:crypto';
import { TOPICS, topicName } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { createAccount, createOrganization, envelope, processorTestClients, waitUntil } from './helpers.ts';

const { env, pool, kafka, producer, redis } = processorTestClients({ redis: true });
const DAY_MS = 86_400_000;
/** Creates retried while the billing app's master-data table has not caught up with a new product. */
const CREATE_ATTEMPTS_MAX = 50;

async function send(topic: string, key: string, value: object) {
  await producer.send({
    topic: topicName(topic === 'master' ? TOPICS.masterData : TOPICS.billingCommands, env.topicPrefix),
    acks: -1,
    messages: [{ key, value: JSON.stringify(value) }],
  });
}

async function invoice(id: string) {
  const result = await pool.query(
    `SELECT invoice_number, status, total_amount::text AS total, tax_amount::text AS tax, amount_paid::text AS paid,
            amount_due::text AS due, issue_date::text AS issue_date, due_date::text AS due_date, version
       FROM invoices WHERE id = $1`,
    [id],
  );
  return result.rows[0];
}

async function rejection(id: string) {
  const fields = await redis.hgetall(`bs:billing-rejection:${id}`);
  return Object.keys(fields).length > 0 ? fields : null;
}

async function product(organizationId: string, unitPrice: string, taxCategory = 'zero') {
  const id = crypto.randomUUID();
  const data = {
    id,
    organizationId,
    sku: `SKU-${id.slice(0, 8)}`,
    name: 'Widget',
    categoryId: null,
    unitPrice,
    currency: 'USD',
    taxCategory,
    isActive: true,
    updatedAt: new Date().toISOString(),
  };
  await send('master', `product:${id}`, envelope('ProductUpserted', data));
  return id;
}

/** Sends CreateInvoice until the processor has seen the account and product (the global table is eventually current). */
async function createInvoice(organizationId: string, accountId: string, lines: object[]): Promise<string> {
  for (let attempt = 0; attempt < CREATE_ATTEMPTS_MAX; attempt += 1) {
    const invoiceId = crypto.randomUUID();
    const data = {
      invoiceId,
      organizationId,
      accountId,
      currency: 'USD',
      priceMode: 'tax_exclusive',
      lines,
      discounts: [],
      draft: false,
      requestedAt: new Date().toISOString(),
    };
    await send('billing', organizationId, envelope('CreateInvoice', data));
    const outcome = await waitUntil(
      'invoice verdict',
      async () => (await invoice(invoiceId)) ?? (await rejection(invoiceId)),
    );
    if ('invoice_number' in outcome) return invoiceId;
    if (outcome.reason !== 'product_not_found' && outcome.reason !== 'account_not_found')
      throw new Error(`rejected: ${outcome.reason}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the billing app never saw the master data');
}

describe('billing processor (real Kafka, PostgreSQL, Redis)', () => {
  it('issues numbered invoices from master data, applies payments and records the timeline', async () => {
    const org = await createOrganization(pool);
    const account = await createAccount(pool, 'USD', '0', kafka, org);
    const widget = await product(org, '19.99');
    const first = await createInvoice(org, account, [{ productId: widget, quantity: '3' }]);
    const second = await createInvoice(org, account, [
      { description: 'Setup', quantity: '1', unitPrice: '50', taxCategory: 'zero' },
    ]);
    const year = new Date().getUTCFullYear();
    expect(await invoice(first)).toMatchObject({
      invoice_number: `INV-${year}-000001`,
      status: 'open',
      total: '59.9700',
    });
    expect(await invoice(second)).toMatchObject({ invoice_number: `INV-${year}-000002`, total: '50.0000' });
    // Invoices, lines and the timeline are three view sinks: each is waited for on its own.
    const lines = await waitUntil('lines', async () => {
      const result = await pool.query('SELECT position, total::text FROM invoice_lines WHERE invoice_id = $1', [first]);
      return result.rows.length > 0 ? result.rows : null;
    });
    expect(lines).toEqual([{ position: 1, total: '59.9700' }]);
    const paymentId = crypto.randomUUID();
    const pay = {
      invoiceId: first,
      organizationId: org,
      paymentId,
      amount: '59.97',
      method: 'card',
      requestedAt: new Date().toISOString(),
    };
    await send('billing', org, envelope('ApplyInvoicePayment', pay));
    await send('billing', org, envelope('ApplyInvoicePayment', pay));
    await waitUntil('paid', async () => ((await invoice(first))?.status === 'paid' ? true : null));
    expect(await invoice(first)).toMatchObject({ paid: '59.9700', due: '0.0000', version: 3 });
    const history = await waitUntil('timeline', async () => {
      const result = await pool.query(
        'SELECT event_type FROM invoice_status_history WHERE invoice_id = $1 ORDER BY version',
        [first],
      );
      return result.rows.length >= 3 ? result.rows : null;
    });
    expect(history.map((row) => row.event_type)).toEqual(['InvoiceDrafted', 'InvoiceIssued', 'InvoicePaid']);
  });

  it('a test clock makes an invoice overdue and mails the reminders, without sleeping', async () => {
    const org = await createOrganization(pool);
    const account = await createAccount(pool, 'USD', '0', kafka, org);
    const widget = await product(org, '10.00');
    const id = await createInvoice(org, account, [{ productId: widget, quantity: '1' }]);
    const issued = await invoice(id);
    const dueMs = Date.parse(`${issued.due_date}T12:00:00Z`);
    const advance = (nowMs: number) =>
      send(
        'billing',
        org,
        envelope('TestClockAdvanced', {
          organizationId: org,
          nowAt: new Date(nowMs).toISOString(),
          requestedAt: new Date().toISOString(),
        }),
      );
    await advance(dueMs + 8 * DAY_MS);
    await waitUntil('overdue', async () => ((await invoice(id))?.status === 'overdue' ? true : null));
    const mails = await waitUntil('reminders', async () => {
      const result = await pool.query(
        `SELECT subject FROM mail_outbox WHERE organization_id = $1 AND kind = 'invoice_reminder'`,
        [org],
      );
      return result.rows.length === 3 ? result.rows : null;
    });
    expect(mails.map((row) => row.subject).sort()).toEqual(
      [
        `Invoice ${issued.invoice_number} is due on ${issued.due_date}`,
        `Invoice ${issued.invoice_number} is due today`,
        `Invoice ${issued.invoice_number} is overdue`,
      ].sort(),
    );
    const clock = await waitUntil('test clock view', async () => {
      const result = await pool.query('SELECT now_at FROM test_clocks WHERE organization_id = $1', [org]);
      return result.rows[0] ?? null;
    });
    expect(new Date(clock.now_at).getTime()).toBe(dueMs + 8 * DAY_MS);
  });

  it('refuses an invoice for an unknown account with a reason the web app can show', async () => {
    const org = await createOrganization(pool);
    const invoiceId = crypto.randomUUID();
    const data = {
      invoiceId,
      organizationId: org,
      accountId: crypto.randomUUID(),
      currency: 'USD',
      priceMode: 'tax_exclusive',
      lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxCategory: 'zero' }],
      discounts: [],
      draft: false,
      requestedAt: new Date().toISOString(),
    };
    await send('billing', org, envelope('CreateInvoice', data));
    expect(await waitUntil('rejection', () => rejection(invoiceId))).toMatchObject({
      reason: 'account_not_found',
      command: 'CreateInvoice',
    });
    expect(await invoice(invoiceId)).toBeUndefined();
  });
});
