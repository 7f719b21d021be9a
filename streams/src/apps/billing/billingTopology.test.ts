import { BillingEvent } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { stringSerde, zodSerde } from '../../engine/index.ts';
import { ACCOUNT, accountData, appDriver, envelopeFactory, ORG, OTHER_ORG, uuidSequence } from '../testIds.ts';
import { BILLING_VIEWS, billingTopology } from './billingTopology.ts';

const WIDGET = '00000000-0000-4000-8000-0000000000c1';
const BOOK = '00000000-0000-4000-8000-0000000000c2';
const DAY_MS = 86_400_000;
const START_MS = Date.parse('2026-11-25T10:00:00.000Z');
const uuid = uuidSequence();

const envelope = envelopeFactory(uuid, '2026-11-25T10:00:00.000Z');
const at = '2026-11-25T10:00:00.000Z';

function setup() {
  const driver = appDriver(billingTopology(''), 'billing', START_MS);
  const master = driver.createInputTopic('master-data', stringSerde, stringSerde);
  const commands = driver.createInputTopic('billing-commands', stringSerde, stringSerde);
  const events = driver.createOutputTopic('billing-events', stringSerde, zodSerde(BillingEvent));
  const put = (key: string, value: object) => master.pipeInput(key, JSON.stringify(value));
  put(`account:${ACCOUNT}`, envelope('BillingAccountUpserted', accountData(at)));
  const product = (id: string, sku: string, unitPrice: string, taxCategory: string, organizationId = ORG) =>
    put(
      `product:${id}`,
      envelope('ProductUpserted', {
        id,
        organizationId,
        sku,
        name: sku,
        categoryId: null,
        unitPrice,
        currency: 'USD',
        taxCategory,
        isActive: true,
        updatedAt: at,
      }),
    );
  product(WIDGET, 'WIDGET', '19.99', 'standard');
  product(BOOK, 'BOOK', '10.00', 'reduced');
  put(
    `configuration:${ORG}:tax_rate.standard`,
    envelope('ConfigurationUpserted', {
      id: uuid(),
      organizationId: ORG,
      key: 'tax_rate.standard',
      valueType: 'decimal',
      value: '0.210000',
      updatedAt: at,
    }),
  );
  const send = (type: string, data: object, org = ORG) =>
    commands.pipeInput(org, JSON.stringify(envelope(type, { organizationId: org, requestedAt: at, ...data })));
  const create = (overrides: object = {}) => {
    const invoiceId = uuid();
    send('CreateInvoice', {
      invoiceId,
      accountId: ACCOUNT,
      currency: 'USD',
      priceMode: 'tax_exclusive',
      draft: false,
      discounts: [],
      lines: [
        { productId: WIDGET, quantity: '2' },
        { productId: BOOK, quantity: '1' },
        { description: 'Setup', quantity: '1', unitPrice: '50', taxCategory: 'zero' },
      ],
      ...overrides,
    });
    return invoiceId;
  };
  const readEvents = () => events.readKeyValuesToList().map((entry) => entry.value!);
  const invoiceRow = (id: string) =>
    driver.viewState(BILLING_VIEWS.invoices).get(JSON.stringify(id)) as Record<string, unknown> | undefined;
  return { driver, send, create, readEvents, invoiceRow, product };
}

describe('billing topology (test driver)', () => {
  it('prices from master data, numbers and issues an invoice, and writes the views', () => {
    const { driver, create, readEvents, invoiceRow } = setup();
    const id = create();
    expect(readEvents().map((event) => event.type)).toEqual(['InvoiceDrafted', 'InvoiceIssued']);
    // 2 × 19.99 at the configured 21 % → 39.98 + 8.40; 10.00 at the default reduced 5 % → 0.50; 50 zero-rated.
    expect(invoiceRow(id)).toMatchObject({
      invoiceNumber: 'INV-2026-000001',
      status: 'open',
      subtotal: '99.98',
      tax: '8.90',
      total: '108.88',
      due: '108.88',
      issueDate: '2026-11-25',
      dueDate: '2026-12-25',
    });
    const lines = driver.viewState(BILLING_VIEWS.lines).get(JSON.stringify(id)) as {
      lines: { taxRate: string; total: string }[];
    };
    expect(lines.lines.map((line) => [line.taxRate, line.total])).toEqual([
      ['0.21', '48.38'],
      ['0.05', '10.50'],
      ['0', '50.00'],
    ]);
    expect(driver.viewState(BILLING_VIEWS.history).size).toBe(2);
  });

  it('numbers gaplessly; a refused invoice takes no number; a redelivered create is decided once', () => {
    const { create, readEvents, invoiceRow, send } = setup();
    const first = create();
    create({ lines: [{ productId: uuid(), quantity: '1' }] });
    const third = create();
    const events = readEvents();
    expect(events.filter((event) => event.type === 'BillingCommandRejected').map((event) => event.data)).toEqual([
      expect.objectContaining({ reason: 'product_not_found' }),
    ]);
    expect([invoiceRow(first)?.invoiceNumber, invoiceRow(third)?.invoiceNumber]).toEqual([
      'INV-2026-000001',
      'INV-2026-000002',
    ]);
    send('CreateInvoice', {
      invoiceId: first,
      accountId: ACCOUNT,
      currency: 'USD',
      priceMode: 'tax_exclusive',
      draft: false,
      discounts: [],
      lines: [{ productId: WIDGET, quantity: '1' }],
    });
    expect(readEvents()).toEqual([]);
  });

  it("keeps organizations apart: another organization's product or invoice is not found", () => {
    const { create, readEvents, send, product } = setup();
    const foreign = uuid();
    product(foreign, 'FOREIGN', '1.00', 'standard', OTHER_ORG);
    create({ lines: [{ productId: foreign, quantity: '1' }] });
    const id = create();
    readEvents();
    send('VoidInvoice', { invoiceId: id, reason: 'test' }, OTHER_ORG);
    expect(readEvents().map((event) => [event.type, 'reason' in event.data ? event.data.reason : null])).toEqual([
      ['BillingCommandRejected', 'invoice_not_found'],
    ]);
  });

  it('drafts wait for issue; payments, refunds and credit notes move the state; replays apply once', () => {
    const { create, readEvents, invoiceRow, send } = setup();
    const id = create({
      draft: true,
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: '100', taxCategory: 'zero' }],
    });
    expect(invoiceRow(id)).toMatchObject({ status: 'draft', invoiceNumber: null });
    send('IssueInvoice', { invoiceId: id });
    expect(invoiceRow(id)).toMatchObject({ status: 'open', invoiceNumber: 'INV-2026-000001' });
    const payment = uuid();
    send('ApplyInvoicePayment', { invoiceId: id, paymentId: payment, amount: '40.00', method: 'card' });
    send('ApplyInvoicePayment', { invoiceId: id, paymentId: payment, amount: '40.00', method: 'card' });
    expect(invoiceRow(id)).toMatchObject({ status: 'partially_paid', paid: '40.00', due: '60.00' });
    send('IssueCreditNote', { invoiceId: id, creditNoteId: uuid(), amount: '10.00', reason: 'goodwill' });
    send('ApplyInvoicePayment', { invoiceId: id, paymentId: uuid(), amount: '50.00', method: 'card' });
    expect(invoiceRow(id)).toMatchObject({ status: 'paid', paid: '90.00', credited: '10.00', due: '0.00' });
    send('ApplyInvoicePayment', { invoiceId: id, paymentId: uuid(), amount: '-20.00', method: 'refund' });
    expect(invoiceRow(id)).toMatchObject({ status: 'partially_paid', paid: '70.00', due: '20.00' });
    send('VoidInvoice', { invoiceId: id, reason: 'mistake' });
    send('VoidInvoice', { invoiceId: id, reason: 'again' });
    const types = readEvents().map((event) => event.type);
    expect(types).toEqual([
      'InvoiceDrafted',
      'InvoiceIssued',
      'InvoicePartiallyPaid',
      'CreditNoteIssued',
      'InvoicePaid',
      'InvoicePartiallyPaid',
      'InvoiceVoided',
      'BillingCommandRejected',
    ]);
  });

  it('an invoice with nothing due is paid at issue, once, and is never dunned', () => {
    const { driver, create, readEvents, invoiceRow, send } = setup();
    const free = [{ description: 'Free trial month', quantity: '1', unitPrice: '0', taxCategory: 'zero' }];
    const id = create({ lines: free });
    const drafted = create({ lines: free, draft: true });
    send('IssueInvoice', { invoiceId: drafted });
    expect(invoiceRow(id)).toMatchObject({
      status: 'paid',
      total: '0.00',
      due: '0.00',
      invoiceNumber: 'INV-2026-000001',
    });
    expect(invoiceRow(drafted)).toMatchObject({ status: 'paid', invoiceNumber: 'INV-2026-000002' });
    const events = readEvents();
    expect(events.map((event) => event.type)).toEqual([
      'InvoiceDrafted',
      'InvoiceIssued',
      'InvoicePaid',
      'InvoiceDrafted',
      'InvoiceIssued',
      'InvoicePaid',
    ]);
    expect(events[2]).toMatchObject({ data: { amount: '0.00' } });
    // Far past the due date: nothing turns overdue and no reminder is mailed.
    send('TestClockAdvanced', { nowAt: new Date(START_MS + 90 * DAY_MS).toISOString() });
    expect(readEvents()).toEqual([]);
    expect(driver.viewState(BILLING_VIEWS.reminders).size).toBe(0);
    // A non-zero invoice is still left open for its payment.
    expect(invoiceRow(create())?.status).toBe('open');
  });

  it('a test clock turns an invoice overdue and sends the reminders at their offsets; no sleeping', () => {
    const { driver, create, readEvents, invoiceRow, send } = setup();
    const id = create();
    readEvents();
    const advance = (days: number) =>
      send('TestClockAdvanced', { nowAt: new Date(START_MS + days * DAY_MS).toISOString() });
    advance(26); // 2026-12-21: three days before the due date
    expect(driver.viewState(BILLING_VIEWS.reminders).size).toBe(0);
    advance(27);
    expect(driver.viewState(BILLING_VIEWS.reminders).size).toBe(1);
    advance(30);
    expect(invoiceRow(id)?.status).toBe('open');
    advance(31);
    expect(invoiceRow(id)?.status).toBe('overdue');
    // Each reminder is also a domain event (for mail and webhooks): -3 and 0 so far, then overdue.
    expect(readEvents().map((event) => event.type)).toEqual([
      'InvoiceReminderDue',
      'InvoiceReminderDue',
      'InvoiceOverdue',
    ]);
    advance(40);
    const reminders = [...driver.viewState(BILLING_VIEWS.reminders).values()] as { offsetDays: number }[];
    expect(reminders.map((row) => row.offsetDays).sort((a, b) => a - b)).toEqual([-3, 0, 7]);
    expect(driver.viewState(BILLING_VIEWS.clocks).get(JSON.stringify(ORG))).toMatchObject({
      nowAt: '2027-01-04T10:00:00.000Z',
    });
  });

  it('the wall clock marks overdue organizations without a test clock', () => {
    const { driver, create, invoiceRow } = setup();
    const id = create();
    driver.advanceWallClockTime(30 * DAY_MS);
    expect(invoiceRow(id)?.status).toBe('open');
    driver.advanceWallClockTime(DAY_MS);
    expect(invoiceRow(id)?.status).toBe('overdue');
  });

  it('survives a crash: the sequence and invoices restore from the changelog', () => {
    const { driver, create, invoiceRow, send } = setup();
    create();
    const second = create();
    driver.crashAndRestore();
    const third = create();
    expect(invoiceRow(third)?.invoiceNumber).toBe('INV-2026-000003');
    send('ApplyInvoicePayment', { invoiceId: second, paymentId: uuid(), amount: '1.00', method: 'card' });
    expect(invoiceRow(second)?.status).toBe('partially_paid');
  });

  it('dead-letters a malformed command and goes on', () => {
    const { driver, create, invoiceRow } = setup();
    const input = driver.createInputTopic('billing-commands', stringSerde, stringSerde);
    input.pipeInput(ORG, JSON.stringify({ type: 'CreateInvoice', data: { lines: 'many' } }));
    const id = create();
    expect(driver.deadLetters()).toHaveLength(1);
    expect(invoiceRow(id)?.status).toBe('open');
  });
});
