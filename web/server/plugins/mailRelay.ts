import { createTransport } from 'nodemailer';
import { loadInvoiceDocument } from '../services/invoices/loadInvoiceDocument';
import { documentTitle } from '../services/invoices/renderInvoiceDocument';
import { renderInvoicePdf } from '../services/invoices/renderInvoicePdf';
import { DEFAULT_MAIL_FROM } from '../services/mail/mailer';
import { relayMailOnce } from '../services/mail/mailRelay';
import { useDb } from '../utils/db';
import { runPeriodically } from '../utils/periodicTask';

/** How often the relay reads mail_outbox for unsent mail. */
export const MAIL_RELAY_INTERVAL_MS = 5_000;

/**
 * With SMTP_URL set, mail that processors write to mail_outbox (dunning
 * reminders, invoice mails, webhook endpoint warnings) is sent from here;
 * without it the rows stay the development outbox.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.prerender) return;
  const url = process.env.SMTP_URL?.trim();
  if (!url) return;
  const deps = {
    db: useDb(),
    transport: createTransport(url),
    from: process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    async invoicePdf(invoiceId: string, organizationId: string) {
      const doc = await loadInvoiceDocument(invoiceId, organizationId);
      const filename = `${documentTitle(doc.invoice).replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`;
      return { filename, content: await renderInvoicePdf(doc), contentType: 'application/pdf' };
    },
  };
  runPeriodically(nitroApp, 'mail relay', MAIL_RELAY_INTERVAL_MS, () => relayMailOnce(deps).then(() => undefined));
});
