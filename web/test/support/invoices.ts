import { randomUUID } from 'node:crypto';
import { TOPICS, topicName } from '@billstream/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { db } from './fixtures';

/** Polls for the billing processor's invoice row; it applies a command within milliseconds. */
const INVOICE_WAIT_ATTEMPTS_MAX = 300;
const POLL_MS = 100;

export interface InvoiceRow {
  status: string;
  amount_paid: string;
  amount_due: string;
}

export async function invoiceRow(id: string): Promise<InvoiceRow | undefined> {
  const rows = await db().$queryRaw<InvoiceRow[]>`
    SELECT status, amount_paid::text, amount_due::text FROM invoices WHERE id = ${id}::uuid`;
  return rows[0];
}

export interface FreeLine {
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly taxCategory: string;
}

/**
 * Sends a CreateInvoice straight to billing-commands, the way the invoices API
 * does but without its checks, so tests can hand the processor what the API
 * would refuse. Returns the invoice id.
 */
export async function sendCreateInvoice(
  organizationId: string,
  accountId: string,
  currency: string,
  lines: readonly FreeLine[],
): Promise<string> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set');
  const invoiceId = randomUUID();
  const producer = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId: 'test-invoices' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    const now = new Date().toISOString();
    const command = {
      eventId: randomUUID(),
      occurredAt: now,
      source: 'test',
      type: 'CreateInvoice',
      version: 1,
      data: {
        invoiceId,
        organizationId,
        accountId,
        currency,
        priceMode: 'tax_exclusive',
        lines,
        discounts: [],
        draft: false,
        requestedAt: now,
      },
    };
    await producer.send({
      topic: topicName(TOPICS.billingCommands, process.env.KAFKA_TOPIC_PREFIX ?? ''),
      acks: -1,
      messages: [{ key: organizationId, value: JSON.stringify(command) }],
    });
  } finally {
    await producer.disconnect();
  }
  return invoiceId;
}

/**
 * Issues an invoice through the billing processor (a CreateInvoice command with
 * one free line, no tax), the way the invoices API does, and waits for its row.
 */
export async function issueInvoice(organizationId: string, accountId: string, currency: string, amount: string) {
  const invoiceId = await sendCreateInvoice(organizationId, accountId, currency, [
    { description: 'Payment test', quantity: '1', unitPrice: amount, taxCategory: 'zero' },
  ]);
  for (let attempt = 0; attempt < INVOICE_WAIT_ATTEMPTS_MAX; attempt += 1) {
    const row = await invoiceRow(invoiceId);
    if (row?.status === 'open') return invoiceId;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`invoice ${invoiceId} was never issued (is the billing processor running?)`);
}
