import { randomUUID } from 'node:crypto';
import { computeInvoiceTotals } from '@billstream/billing';
import {
  BillingCommand,
  CONFIGURATION_DEFAULTS,
  INVOICE_LINES_MAX,
  type InvoiceCatalog,
  type InvoiceCommandAccepted,
  InvoiceDetailResource,
  InvoicePage,
  MoneyDecimal,
} from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES } from '../shared/auth/rateBudgets';
import { anActiveAccount, pollUntil } from './support/api';
import { billingCommandTopic, endOffsets, readCommands } from './support/commandLog';
import {
  closeFixtures,
  configurationValues,
  createAnnouncedAccount,
  createForeignOrganization,
  createViewInvoice,
  type ForeignOrganization,
} from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, SEED_VIEWER, Session } from './support/session';

/** CreateInvoice retries while the processor has not seen a just-announced account. */
const REJECTION_ATTEMPTS_MAX = 20;
const FREE_LINE = { description: 'int: consulting', quantity: '2', unitPrice: '12.50', taxCategory: 'standard' };

let admin: Session;
let organizationId: string;
let foreign: ForeignOrganization;

beforeAll(async () => {
  admin = await adminSession();
  const me = await admin.get<{ organization: { id: string } }>('/api/auth/session');
  organizationId = me.body.organization.id;
  foreign = await createForeignOrganization();
});

afterAll(async () => {
  await closeFixtures();
});

function post<T = unknown>(path: string, body: unknown, key: string | null = randomUUID()) {
  return admin.post<T>(path, body, { headers: key === null ? {} : { 'idempotency-key': key } });
}

/** The billing commands produced while `act` ran (read up to the end offsets taken after it). */
async function commandsDuring(act: () => Promise<unknown>): Promise<BillingCommand[]> {
  const before = await endOffsets(billingCommandTopic);
  await act();
  const after = await endOffsets(billingCommandTopic);
  const records = await readCommands(before, after, 30_000, billingCommandTopic);
  return records.map((record) => {
    const command = BillingCommand.parse(JSON.parse(record.value));
    expect(record.key).toBe(command.data.organizationId);
    expect(record.headers['event-type']).toBe(command.type);
    return command;
  });
}

describe('POST /api/v1/invoices', () => {
  it('names every bad field in one 422 and produces nothing', async () => {
    const marker = `int: invalid ${randomUUID()}`;
    let response: Awaited<ReturnType<typeof post>> | undefined;
    const produced = await commandsDuring(async () => {
      response = await post(
        '/api/v1/invoices',
        {
          accountId: 'nope',
          priceMode: 'gross',
          lines: [
            { ...FREE_LINE, quantity: '0' },
            { productId: 'x', quantity: '1' },
          ],
          discounts: [{ kind: 'percent', percent: '150' }],
          memo: marker,
          surprise: 1,
        },
        null,
      );
    });
    const problem = expectProblem(response!, 422);
    expect(fieldNames(problem)).toEqual(
      [
        'body.accountId',
        'body.discounts.0.percent',
        'body.lines.0.quantity',
        'body.lines.1.productId',
        'body.priceMode',
        'body.surprise',
        'header.idempotency-key',
      ].sort(),
    );
    expect(produced.filter((command) => command.type === 'CreateInvoice' && command.data.memo === marker)).toEqual([]);
  });

  it('accepts with 202 + Location and puts one CreateInvoice on billing-commands, defaulted from the account', async () => {
    const account = await anActiveAccount();
    const memo = `int: accepted ${randomUUID()}`;
    let response: Awaited<ReturnType<typeof post<InvoiceCommandAccepted>>> | undefined;
    const produced = await commandsDuring(async () => {
      response = await post<InvoiceCommandAccepted>('/api/v1/invoices', {
        accountId: account.id,
        lines: [FREE_LINE],
        memo,
      });
    });
    expect(response!.status, JSON.stringify(response!.body)).toBe(202);
    const accepted = response!.body;
    expect(accepted).toMatchObject({ command: 'CreateInvoice', status: 'pending', invoiceId: accepted.commandId });
    expect(response!.headers.get('location')).toMatch(new RegExp(`/api/v1/invoices/${accepted.invoiceId}$`));
    const mine = produced.filter((command) => command.data.invoiceId === accepted.invoiceId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      type: 'CreateInvoice',
      data: {
        organizationId,
        accountId: account.id,
        currency: account.currency,
        priceMode: 'tax_exclusive',
        draft: false,
        discounts: [],
        lines: [FREE_LINE],
        memo,
      },
    });
    const read = await admin.get<InvoiceDetailResource>(accepted.links.self);
    expect(read.status).toBe(200);
    expect(InvoiceDetailResource.parse(read.body).id).toBe(accepted.invoiceId);
  });

  it('replays the first answer for the same key and body, producing the command once', async () => {
    const account = await anActiveAccount();
    const key = randomUUID();
    const body = { accountId: account.id, lines: [FREE_LINE], draft: true, memo: `int: replay ${key}` };
    let first: Awaited<ReturnType<typeof post<InvoiceCommandAccepted>>> | undefined;
    let second: typeof first;
    const produced = await commandsDuring(async () => {
      first = await post<InvoiceCommandAccepted>('/api/v1/invoices', body, key);
      second = await post<InvoiceCommandAccepted>('/api/v1/invoices', body, key);
    });
    expect(first!.status).toBe(202);
    expect(second!.status).toBe(202);
    expect(second!.headers.get('idempotent-replayed')).toBe('true');
    expect(second!.body).toEqual(first!.body);
    expect(produced.filter((command) => command.data.invoiceId === first!.body.invoiceId)).toHaveLength(1);
    const reused = await post('/api/v1/invoices', { ...body, memo: 'int: other body' }, key);
    expect(fieldNames(expectProblem(reused, 422))).toEqual(['header.idempotency-key']);
  });

  it("refuses another organization's account as 404 and a currency the account does not use", async () => {
    const foreignAccount = await post('/api/v1/invoices', { accountId: foreign.accountId, lines: [FREE_LINE] });
    expect(fieldNames(expectProblem(foreignAccount, 404))).toEqual(['body.accountId']);
    const account = await anActiveAccount();
    const currency = account.currency === 'EUR' ? 'USD' : 'EUR';
    const mismatch = await post('/api/v1/invoices', { accountId: account.id, currency, lines: [FREE_LINE] });
    expect(fieldNames(expectProblem(mismatch, 422))).toEqual(['body.currency']);
  });

  it('refuses a product line naming no product of the organization, on that line', async () => {
    const account = await anActiveAccount();
    const response = await post('/api/v1/invoices', {
      accountId: account.id,
      lines: [FREE_LINE, { productId: randomUUID(), quantity: '1' }],
    });
    expect(fieldNames(expectProblem(response, 422))).toEqual(['body.lines.1.productId']);
  });

  it('is refused to a viewer (403) and to anonymous callers (401)', async () => {
    const viewer = await Session.login(SEED_VIEWER.email, SEED_VIEWER.password);
    const account = await anActiveAccount();
    const body = { accountId: account.id, lines: [FREE_LINE] };
    expectProblem(await viewer.post('/api/v1/invoices', body, { headers: { 'idempotency-key': randomUUID() } }), 403);
    expectProblem(await new Session().post('/api/v1/invoices', body), 401);
    expect((await viewer.get('/api/v1/invoices')).status).toBe(200);
  });
});

describe('reading invoices', () => {
  it("lists only the organization's invoices, filtered by account, status and number", async () => {
    const account = await anActiveAccount();
    const open = await createViewInvoice(organizationId, account.id, 'open', account.currency);
    const draft = await createViewInvoice(organizationId, account.id, 'draft', account.currency);
    const byAccount = await admin.get<InvoicePage>(`/api/v1/invoices?accountId=${account.id}&status=draft&limit=100`);
    expect(byAccount.status).toBe(200);
    const page = InvoicePage.parse(byAccount.body);
    expect(page.data.map((row) => row.id)).toContain(draft.id);
    expect(page.data.map((row) => row.id)).not.toContain(open.id);
    expect(page.data.every((row) => row.status === 'draft' && row.accountId === account.id)).toBe(true);

    const detail = await admin.get<InvoiceDetailResource>(`/api/v1/invoices/${open.id}`);
    const number = detail.body.invoiceNumber!;
    const searched = await admin.get<InvoicePage>(
      `/api/v1/invoices?search=${encodeURIComponent(number.toLowerCase())}`,
    );
    expect(searched.body.data.map((row) => row.id)).toEqual([open.id]);
    // `q` is the search box of every list; `search` is its older name.
    const byQ = await admin.get<InvoicePage>(`/api/v1/invoices?q=${encodeURIComponent(number.toLowerCase())}`);
    expect(byQ.body.data.map((row) => row.id)).toEqual([open.id]);
    expect(byQ.body.page.total).toBe(1);
    const foreignNumber = await admin.get<InvoicePage>(`/api/v1/invoices?search=FIX-&limit=100`);
    expect(foreignNumber.body.data.map((row) => row.id)).not.toContain(foreign.invoiceId);
  });

  it('names bad query parameters', async () => {
    const problem = expectProblem(await admin.get('/api/v1/invoices?status=late&page=0&sort=price'), 422);
    expect(fieldNames(problem)).toEqual(['query.page', 'query.sort', 'query.status']);
  });

  it("answers 404 for another organization's invoice, on every route", async () => {
    const id = foreign.invoiceId;
    for (const path of [`/api/v1/invoices/${id}`, `/api/v1/invoices/${id}/document`, `/api/v1/invoices/${id}/pdf`]) {
      expectProblem(await admin.get(path), 404);
    }
    expectProblem(await post(`/api/v1/invoices/${id}/void`, { reason: 'int: not mine' }), 404);
    expectProblem(await post(`/api/v1/invoices/${id}/payments`, { amount: '1.00' }), 404);
  });

  it('serves the printable document and the PDF', async () => {
    const account = await anActiveAccount();
    const invoice = await createViewInvoice(organizationId, account.id, 'open', account.currency);
    const html = await admin.get<string>(`/api/v1/invoices/${invoice.id}/document`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('Fixture line');
    const download = await admin.get<string>(`/api/v1/invoices/${invoice.id}/pdf`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Invoice-FIX-/);
    expect(String(download.body).startsWith('%PDF-')).toBe(true);
  });

  it('gives the form its catalog: active products and the configured tax rates', async () => {
    const catalog = await admin.get<InvoiceCatalog>('/api/v1/invoices/catalog');
    expect(catalog.status).toBe(200);
    const categories = ['standard', 'reduced', 'zero', 'exempt'] as const;
    const stored = await configurationValues(
      organizationId,
      categories.map((category) => `tax_rate.${category}`),
    );
    // A configured rate wins (as a plain decimal), else the documented default.
    const expected = Object.fromEntries(
      categories.map((category) => {
        const key = `tax_rate.${category}` as const;
        const value = stored.get(key);
        return [
          category,
          value === undefined ? CONFIGURATION_DEFAULTS[key] : new MoneyDecimal(String(value)).toFixed(),
        ];
      }),
    );
    expect(catalog.body.taxRates).toEqual(expected);
    expect(catalog.body.products.length).toBeGreaterThan(0);
  });
});

describe('commands on an invoice', () => {
  it('produces a manual ApplyInvoicePayment with a fresh payment id', async () => {
    const account = await anActiveAccount();
    const invoice = await createViewInvoice(organizationId, account.id, 'open', account.currency);
    let response: Awaited<ReturnType<typeof post<InvoiceCommandAccepted>>> | undefined;
    const produced = await commandsDuring(async () => {
      response = await post<InvoiceCommandAccepted>(`/api/v1/invoices/${invoice.id}/payments`, { amount: '5.00' });
    });
    expect(response!.status).toBe(202);
    const mine = produced.filter(
      (command) =>
        command.data.organizationId === organizationId &&
        'invoiceId' in command.data &&
        command.data.invoiceId === invoice.id,
    );
    expect(mine).toEqual([
      expect.objectContaining({
        type: 'ApplyInvoicePayment',
        data: expect.objectContaining({ paymentId: response!.body.commandId, amount: '5.00', method: 'manual' }),
      }),
    ]);
  });

  it('refuses what the rules refuse: overpayment (422 body.amount), issuing an open invoice (409)', async () => {
    const account = await anActiveAccount();
    const invoice = await createViewInvoice(organizationId, account.id, 'open', account.currency);
    const overpaid = await post(`/api/v1/invoices/${invoice.id}/payments`, { amount: '12.01' });
    expect(fieldNames(expectProblem(overpaid, 422))).toEqual(['body.amount']);
    const issued = expectProblem(await post(`/api/v1/invoices/${invoice.id}/issue`, {}), 409);
    expect(issued.type).toMatch(/invalid-transition$/);
    const noReason = await post(`/api/v1/invoices/${invoice.id}/void`, {});
    expect(fieldNames(expectProblem(noReason, 422))).toEqual(['body.reason']);
  });
});

describe('test clock', () => {
  it('reads the clock and refuses to move it by zero days', async () => {
    const clock = await admin.get<{ nowAt: string | null; wallClockAt: string }>('/api/v1/test-clock');
    expect(clock.status).toBe(200);
    expect(clock.body.wallClockAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const zero = await post('/api/v1/test-clock/advance', { days: 0 });
    expect(fieldNames(expectProblem(zero, 422))).toEqual(['body.days']);
  });
});

describe('through the billing processor', () => {
  it('creates an invoice that becomes open with a number and the totals the rules compute', async () => {
    const account = await anActiveAccount();
    const catalog = (await admin.get<InvoiceCatalog>('/api/v1/invoices/catalog')).body;
    const second = { description: 'int: setup', quantity: '1', unitPrice: '99.99', taxCategory: 'standard' };
    const body = { accountId: account.id, lines: [FREE_LINE, second], discounts: [{ kind: 'amount', amount: '5' }] };
    const accepted = await post<InvoiceCommandAccepted>('/api/v1/invoices', body);
    expect(accepted.status).toBe(202);
    const done = await pollUntil<InvoiceDetailResource>(
      accepted.body.links.self,
      // Invoice rows and their lines come through two view sinks: wait for both.
      (response) => response.body.status !== 'pending' && response.body.lines.length > 0,
      60_000,
    );
    expect(done.body.rejection).toBeNull();
    expect(done.body.status).toBe('open');
    expect(done.body.invoiceNumber).toMatch(/^INV-\d{4}-\d{6}$/);
    const expected = computeInvoiceTotals({
      currency: account.currency as 'USD',
      priceMode: 'tax_exclusive',
      lines: [FREE_LINE, second].map((line) => ({
        productId: null,
        ...line,
        taxCategory: 'standard' as const,
        taxRate: catalog.taxRates.standard,
      })),
      discounts: [{ kind: 'amount', amount: '5' }],
    });
    if (!expected.ok) throw new Error('the test invoice must price');
    expect(done.body).toMatchObject({
      subtotal: expected.totals.subtotal,
      discount: expected.totals.discount,
      tax: expected.totals.tax,
      total: expected.totals.total,
      due: expected.totals.total,
    });
    expect(done.body.lines.map((line) => line.total)).toEqual(expected.totals.lines.map((line) => line.total));
    expect(done.body.history.map((entry) => entry.status)).toContain('open');

    // A manual payment of part of it: partially paid, with the payment on the timeline.
    const paid = await post<InvoiceCommandAccepted>(`/api/v1/invoices/${done.body.id}/payments`, { amount: '10.00' });
    expect(paid.status).toBe(202);
    const after = await pollUntil<InvoiceDetailResource>(
      accepted.body.links.self,
      (response) => response.body.version > done.body.version,
      60_000,
    );
    expect(after.body.status).toBe('partially_paid');
    expect(after.body.paid).toBe('10.00');
    expect(after.body.due).toBe(new MoneyDecimal(expected.totals.total).minus('10.00').toFixed(2));
  });

  it('takes an invoice of INVOICE_LINES_MAX lines (its body is past the 64 KiB default) and refuses one more line', async () => {
    const account = await anActiveAccount();
    // Descriptions of 100 characters put the body near 200 KB: the invoice route's own limit applies.
    const lines = Array.from({ length: INVOICE_LINES_MAX }, (_, index) => ({
      ...FREE_LINE,
      description: `int: line ${index} `.padEnd(100, 'x'),
    }));
    expect(JSON.stringify({ accountId: account.id, lines }).length).toBeGreaterThan(MAX_JSON_BODY_BYTES);
    const tooMany = await post('/api/v1/invoices', { accountId: account.id, lines: [...lines, FREE_LINE] });
    expect(fieldNames(expectProblem(tooMany, 422))).toEqual(['body.lines']);
    const accepted = await post<InvoiceCommandAccepted>('/api/v1/invoices', { accountId: account.id, lines });
    expect(accepted.status).toBe(202);
    const done = await pollUntil<InvoiceDetailResource>(
      accepted.body.links.self,
      (response) => response.body.status === 'open' && response.body.lines.length === INVOICE_LINES_MAX,
      120_000,
    );
    expect(done.body.lines).toHaveLength(INVOICE_LINES_MAX);
    // 1,000 × 2 × 12.50 = 25,000.00 before tax.
    expect(done.body.subtotal).toBe('25000.00');
  });

  it("shows the processor's reason when it refuses a CreateInvoice", async () => {
    const accountId = await createAnnouncedAccount(organizationId, 'frozen');
    let outcome: InvoiceDetailResource | undefined;
    // The processor's master-data table catches up with a new account eventually: until then it says account_not_found.
    for (let attempt = 0; attempt < REJECTION_ATTEMPTS_MAX; attempt += 1) {
      const accepted = await post<InvoiceCommandAccepted>('/api/v1/invoices', { accountId, lines: [FREE_LINE] });
      expect(accepted.status).toBe(202);
      const done = await pollUntil<InvoiceDetailResource>(
        accepted.body.links.self,
        (response) => response.body.status !== 'pending',
        60_000,
      );
      outcome = done.body;
      if (outcome.rejection?.reason !== 'account_not_found') break;
    }
    expect(outcome?.status).toBe('rejected');
    expect(outcome?.rejection).toMatchObject({ command: 'CreateInvoice', reason: 'account_not_active' });
  });
});
