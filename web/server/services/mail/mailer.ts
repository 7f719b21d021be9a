import { createTransport, type Transporter } from 'nodemailer';
import { useDb } from '../../utils/db';
import { requireMailDelivery } from './mailDelivery';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** What kind of mail it is (email_verification, password_reset, ...). */
  readonly kind: string;
  /** The organization it concerns; null for system mail about an account. */
  readonly organizationId: string | null;
}

/** Where mail goes: SMTP when SMTP_URL is set, else the development outbox. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
}

export const DEFAULT_MAIL_FROM = 'Billstream <no-reply@billstream.local>';

export function smtpMailer(url: string, from: string): Mailer {
  const transport: Transporter = createTransport(url);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

/** Development: the mail is stored in mail_outbox, where admins read it (/admin/outbox). */
export const outboxMailer: Mailer = {
  kind: 'outbox',
  async send(message) {
    await useDb().outboxMessage.create({
      data: {
        organizationId: message.organizationId,
        toAddress: message.to,
        subject: message.subject,
        textBody: message.text,
        kind: message.kind,
      },
    });
  },
};

let mailer: Mailer | undefined;

export function useMailer(): Mailer {
  requireMailDelivery();
  if (mailer) return mailer;
  const url = process.env.SMTP_URL?.trim();
  mailer = url ? smtpMailer(url, process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM) : outboxMailer;
  return mailer;
}
