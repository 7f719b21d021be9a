import crypto from 'node:crypto';
import { computeInvoiceTotals, type PricedLineInput } from '@billstream/billing';
import { BillingCommand, type CurrencyCode, TOPICS, topicName } from '@billstream/contracts';
import { DEMO_ORGANIZATION, SEED_ACCOUNTS, SEED_CONFIGURATIONS, SEED_PRODUCTS } from '@billstream/db';
import { Kafka, logLevel } from 'kafkajs';

const DAY_MS = 86_400_000;
const ORG = DEMO_ORGANIZATION.id;

/** A stable UUID from a name: the same demo command on every start, which the billing app applies once. */
function demoId(name: string): string {
  const hex = crypto.createHash('sha256').update(`billstream-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface DemoInvoice {
  readonly name: string;
  readonly account: number;
  readonly daysAgo: number;
  readonly lines: readonly { sku: string; quantity: string }[];
  readonly after?: 'pay' | 'part-pay' | 'void' | 'credit' | 'write-off' | 'draft';
}

/** Invoices in every state for the demo organization's screens. */
const DEMO_INVOICES: readonly DemoInvoice[] = [
  {
    name: 'open',
    account: 0,
    daysAgo: 5,
    lines: [
      { sku: 'SVC-CONSULT-H', quantity: '3' },
      { sku: 'PUB-HANDBOOK', quantity: '2' },
    ],
  },
  { name: 'paid', account: 0, daysAgo: 20, lines: [{ sku: 'PLAN-STARTER-M', quantity: '1' }], after: 'pay' },
  {
    name: 'partly-paid',
    account: 1,
    daysAgo: 10,
    lines: [{ sku: 'PLAN-BUSINESS-M', quantity: '2' }],
    after: 'part-pay',
  },
  { name: 'overdue', account: 1, daysAgo: 45, lines: [{ sku: 'LIC-ONPREM-Y', quantity: '1' }] },
  { name: 'void', account: 0, daysAgo: 12, lines: [{ sku: 'SVC-TRAINING-EDU', quantity: '1' }], after: 'void' },
  { name: 'draft', account: 1, daysAgo: 1, lines: [{ sku: 'SVC-CONSULT-H', quantity: '1' }], after: 'draft' },
  { name: 'credited', account: 0, daysAgo: 8, lines: [{ sku: 'PLAN-BUSINESS-M', quantity: '1' }], after: 'credit' },
  {
    name: 'uncollectible',
    account: 1,
    daysAgo: 120,
    lines: [{ sku: 'SVC-CONSULT-H', quantity: '4' }],
    after: 'write-off',
  },
];

function envelope(type: string, occurredAt: string, data: object) {
  return { eventId: crypto.randomUUID(), occurredAt, source: 'demo-seed', type, version: 1, data };
}

function totalOf(invoice: DemoInvoice): string {
  const rate = (category: string) =>
    String(SEED_CONFIGURATIONS.find((config) => config.key === `tax_rate.${category}`)?.value ?? '0');
  const lines: PricedLineInput[] = invoice.lines.map((line) => {
    const product = SEED_PRODUCTS.find((candidate) => candidate.sku === line.sku);
    if (!product) throw new Error(`demo invoice ${invoice.name} names unknown SKU ${line.sku}`);
    return {
      productId: product.id,
      description: product.name,
      quantity: line.quantity,
      unitPrice: product.unitPrice,
      taxCategory: product.taxCategory,
      taxRate: rate(product.taxCategory),
    };
  });
  const priced = computeInvoiceTotals({ currency: 'USD', priceMode: 'tax_exclusive', lines, discounts: [] });
  if (!priced.ok) throw new Error(`demo invoice ${invoice.name} cannot be priced`);
  return priced.totals.total;
}

function commandsFor(invoice: DemoInvoice, nowMs: number): object[] {
  const invoiceId = demoId(`invoice:${invoice.name}`);
  const at = new Date(nowMs - invoice.daysAgo * DAY_MS).toISOString();
  const account = SEED_ACCOUNTS[invoice.account]!;
  const lines = invoice.lines.map((line) => ({
    productId: SEED_PRODUCTS.find((p) => p.sku === line.sku)!.id,
    quantity: line.quantity,
  }));
  const ref = { invoiceId, organizationId: ORG, requestedAt: at };
  const create = envelope('CreateInvoice', at, {
    ...ref,
    accountId: account.id,
    currency: account.currency as CurrencyCode,
    priceMode: 'tax_exclusive',
    lines,
    discounts: [],
    draft: invoice.after === 'draft',
  });
  const total = totalOf(invoice);
  const payment = (amount: string) =>
    envelope('ApplyInvoicePayment', at, {
      ...ref,
      paymentId: demoId(`payment:${invoice.name}`),
      amount,
      method: 'bank_transfer',
    });
  const follow: Record<NonNullable<DemoInvoice['after']>, object[]> = {
    pay: [payment(total)],
    'part-pay': [payment('100.00')],
    void: [envelope('VoidInvoice', at, { ...ref, reason: 'Entered twice' })],
    credit: [
      envelope('IssueCreditNote', at, {
        ...ref,
        creditNoteId: demoId(`credit:${invoice.name}`),
        amount: '20.00',
        reason: 'Service outage',
      }),
    ],
    'write-off': [envelope('MarkInvoiceUncollectible', at, ref)],
    draft: [],
  };
  return [create, ...(invoice.after ? follow[invoice.after] : [])];
}

/**
 * Sends the demo organization's invoices (every state) to billing-commands.
 * Ids are derived from names, so a second start sends the same commands and
 * the billing app, which decides each invoice, payment and credit note once,
 * changes nothing.
 */
export async function publishDemoBilling(brokers: string[], prefix: string): Promise<number> {
  const nowMs = Date.now();
  const commands = DEMO_INVOICES.flatMap((invoice) => commandsFor(invoice, nowMs)).map((command) =>
    BillingCommand.parse(command),
  );
  const producer = new Kafka({ brokers, logLevel: logLevel.WARN, clientId: 'billstream-demo' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.send({
      topic: topicName(TOPICS.billingCommands, prefix),
      acks: -1,
      messages: commands.map((command) => ({ key: ORG, value: JSON.stringify(command) })),
    });
  } finally {
    await producer.disconnect();
  }
  return DEMO_INVOICES.length;
}
