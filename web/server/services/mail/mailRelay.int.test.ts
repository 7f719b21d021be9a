import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createPrisma, createTestDatabase, type PrismaClient, type TestDatabase } from '@billstream/db';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceFixture } from '../../../test/support/invoiceFixture';
import { renderInvoicePdf } from '../invoices/renderInvoicePdf';
import { relayMailOnce } from './mailRelay';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw,
      });
      callback();
    });
  },
});

let db: TestDatabase;
let prisma: PrismaClient;
let port = 0;
const pdfRequests: { invoiceId: string; organizationId: string }[] = [];

const invoiceOf = (id: string) => invoiceFixture({ id });

const deps = () => ({
  db: prisma,
  transport: createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }),
  from: 'Billstream <billing@billstream.test>',
  async invoicePdf(invoiceId: string, organizationId: string) {
    pdfRequests.push({ invoiceId, organizationId });
    const content = await renderInvoicePdf({
      invoice: invoiceOf(invoiceId),
      organizationName: 'Acme',
      customerName: 'Jane',
    });
    return { filename: 'Invoice-INV-2026-000042.pdf', content, contentType: 'application/pdf' };
  },
});

async function organizationWithUser(email: string, prefs: Record<string, boolean> = {}): Promise<string> {
  const org = randomUUID();
  await prisma.$executeRawUnsafe(
    `INSERT INTO organizations (id, name, slug) VALUES ($1::uuid, $2, $3)`,
    org,
    'Acme',
    `acme-${org}`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO users (organization_id, email, password, notification_prefs) VALUES ($1::uuid, $2, 'x', $3::jsonb)`,
    org,
    email,
    JSON.stringify(prefs),
  );
  return org;
}

async function queue(
  org: string,
  to: string,
  kind: string,
  subject: string,
  text: string,
  invoiceId: string | null = null,
) {
  await prisma.$executeRawUnsafe(
    `INSERT INTO mail_outbox (organization_id, to_address, subject, text_body, kind, invoice_id) VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid)`,
    org,
    to,
    subject,
    text,
    kind,
    invoiceId,
  );
}

beforeAll(async () => {
  db = await createTestDatabase({ migrate: true });
  prisma = createPrisma(db.url);
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await prisma?.$disconnect();
  await db?.drop();
});

describe('mail relay over SMTP (smtp-server in-process, real PostgreSQL)', () => {
  it('sends an invoice mail with its PDF and link, and a dunning reminder, each once', async () => {
    const org = await organizationWithUser('jane@customer.test');
    const invoiceId = randomUUID();
    const link = `https://billstream.test/invoices/${invoiceId}`;
    await queue(
      org,
      'jane@customer.test',
      'invoice_issued',
      'Invoice INV-2026-000042',
      `The PDF is attached; view it online: ${link}`,
      invoiceId,
    );
    await queue(
      org,
      'jane@customer.test',
      'invoice_reminder',
      'Invoice INV-2026-000042 is overdue',
      'Invoice INV-2026-000042: 36.00 EUR is due.',
    );
    expect(await relayMailOnce(deps())).toBe(2);
    expect(await relayMailOnce(deps())).toBe(0);
    expect(received.map((mail) => mail.to)).toEqual([['jane@customer.test'], ['jane@customer.test']]);
    const [invoiceMail, reminder] = received;
    expect(invoiceMail!.from).toBe('billing@billstream.test');
    expect(invoiceMail!.raw).toContain('Subject: Invoice INV-2026-000042');
    // Quoted-printable wraps long lines with a trailing '='; the link must survive unwrapping.
    expect(invoiceMail!.raw.replace(/=\r?\n/g, '')).toContain(link);
    expect(invoiceMail!.raw).toMatch(/Content-Type: application\/pdf; name=Invoice-INV-2026-000042\.pdf/);
    expect(invoiceMail!.raw).toContain(Buffer.from('%PDF-').toString('base64').slice(0, 6));
    expect(pdfRequests).toEqual([{ invoiceId, organizationId: org }]);
    expect(reminder!.raw).toContain('Subject: Invoice INV-2026-000042 is overdue');
    const unsent = await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM mail_outbox WHERE sent_at IS NULL`);
    expect(unsent).toHaveLength(0);
  });

  it('skips billing mail for a user who turned billingMails off, but still sends account mail', async () => {
    received.length = 0;
    const org = await organizationWithUser('quiet@customer.test', { billingMails: false });
    await queue(org, 'quiet@customer.test', 'invoice_reminder', 'Invoice 7 is overdue', 'Pay please.');
    await queue(org, 'quiet@customer.test', 'password_reset', 'Reset your Billstream password', 'Link.');
    expect(await relayMailOnce(deps())).toBe(2);
    expect(received.map((mail) => mail.raw.match(/Subject: (.*)/)?.[1])).toEqual(['Reset your Billstream password']);
    const skipped = await prisma.$queryRawUnsafe<{ last_error: string }[]>(
      `SELECT last_error FROM mail_outbox WHERE kind = 'invoice_reminder' AND to_address = 'quiet@customer.test'`,
    );
    expect(skipped[0]!.last_error).toContain('turned billing mails off');
  });

  it('keeps a mail for a later attempt when the SMTP server refuses it', async () => {
    received.length = 0;
    const org = await organizationWithUser('later@customer.test');
    await queue(org, 'later@customer.test', 'payment_failed', 'Payment of 36.00 EUR failed', 'Check your card.');
    const refusing = {
      ...deps(),
      transport: { sendMail: async () => Promise.reject(new Error('451 try again later')) },
    };
    expect(await relayMailOnce(refusing)).toBe(1);
    const rows = await prisma.$queryRawUnsafe<{ sent_at: Date | null; last_error: string; attempts: number }[]>(
      `SELECT sent_at, last_error, attempts FROM mail_outbox WHERE to_address = 'later@customer.test'`,
    );
    expect(rows[0]).toMatchObject({ sent_at: null, last_error: '451 try again later', attempts: 1 });
  });
});
