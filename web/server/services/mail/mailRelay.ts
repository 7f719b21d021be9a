import type { PrismaClient } from '@billstream/db';
import type { Transporter } from 'nodemailer';

/** Rows one relay pass claims. */
export const MAIL_RELAY_BATCH_MAX = 20;
/** Attempts per mail before it is left unsent with its last error (the outbox still shows it). */
export const MAIL_RELAY_ATTEMPTS_MAX = 8;
/** Wait before retry n: this times 2^(n-1). */
export const MAIL_RELAY_RETRY_BASE_MS = 30_000;
/** A claimed mail is due again after this long if the relay dies mid-send. */
const MAIL_RELAY_LEASE_MS = 120_000;

/**
 * Mail kinds that a user may turn off with the `billingMails` notification
 * preference. Security and account mails are always sent.
 */
export const BILLING_MAIL_KINDS: readonly string[] = [
  'invoice_issued',
  'invoice_receipt',
  'payment_failed',
  'invoice_reminder',
];

export interface OutboxRow {
  id: string;
  organization_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  kind: string;
  invoice_id: string | null;
  attempts: number;
  opted_out: boolean;
}

export interface Attachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
}

export interface MailRelayDeps {
  readonly db: Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;
  readonly transport: Pick<Transporter, 'sendMail'>;
  readonly from: string;
  /** The invoice's PDF, looked up within the mail's organization only. */
  readonly invoicePdf: (invoiceId: string, organizationId: string) => Promise<Attachment>;
}

/**
 * Claims due, unsent mail (SKIP LOCKED: several web instances share the
 * outbox), pushing each one's next attempt out by a lease first so a crash
 * mid-send retries instead of losing it. `opted_out` is read in the same
 * query: a billing mail to a user of the same organization who turned
 * billing mails off.
 */
function claim(deps: MailRelayDeps): Promise<OutboxRow[]> {
  return deps.db.$queryRawUnsafe<OutboxRow[]>(
    `WITH due AS (
       SELECT id FROM mail_outbox
        WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < $2
        ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     UPDATE mail_outbox m
        SET attempts = m.attempts + 1, next_attempt_at = now() + make_interval(secs => $3::float8 / 1000)
       FROM due
      WHERE m.id = due.id
     RETURNING m.id, m.organization_id, m.to_address, m.subject, m.text_body, m.kind, m.invoice_id, m.attempts,
               (m.kind = ANY ($4::text[]) AND EXISTS (
                  SELECT 1 FROM users u WHERE lower(u.email) = lower(m.to_address)
                     AND u.organization_id = m.organization_id
                     AND u.notification_prefs->>'billingMails' = 'false')) AS opted_out`,
    MAIL_RELAY_BATCH_MAX,
    MAIL_RELAY_ATTEMPTS_MAX,
    MAIL_RELAY_LEASE_MS,
    BILLING_MAIL_KINDS,
  );
}

async function deliver(deps: MailRelayDeps, row: OutboxRow): Promise<string | null> {
  if (row.opted_out) return 'skipped: the recipient turned billing mails off';
  const attachments =
    row.invoice_id && row.organization_id ? [await deps.invoicePdf(row.invoice_id, row.organization_id)] : [];
  await deps.transport.sendMail({
    from: deps.from,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    attachments,
  });
  return null;
}

/** One pass: sends (or skips) what is due and records the outcome; resolves with the rows handled. */
export async function relayMailOnce(deps: MailRelayDeps): Promise<number> {
  const rows = await claim(deps);
  for (const row of rows) {
    try {
      const skipped = await deliver(deps, row);
      await deps.db.$executeRawUnsafe(
        `UPDATE mail_outbox SET sent_at = now(), last_error = $2 WHERE id = $1::uuid`,
        row.id,
        skipped,
      );
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      await deps.db.$executeRawUnsafe(
        `UPDATE mail_outbox SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3::float8 / 1000)
          WHERE id = $1::uuid`,
        row.id,
        reason,
        MAIL_RELAY_RETRY_BASE_MS * 2 ** (row.attempts - 1),
      );
    }
  }
  return rows.length;
}
