import { ProblemError, problemOf } from '../../utils/problem';

/** The settings that decide where mail goes. */
export interface MailEnv {
  readonly NODE_ENV?: string;
  readonly SMTP_URL?: string;
  readonly MAIL_OUTBOX_IN_PRODUCTION?: string;
}

/**
 * Why mail cannot be delivered, or undefined when it can. In production an
 * empty SMTP_URL would put reset and sign-up links into a table the
 * organization's admins read, so it is refused unless the operator opts in
 * (MAIL_OUTBOX_IN_PRODUCTION=true). Pure, for the unit tests.
 */
export function mailDeliveryRefusal(env: MailEnv): string | undefined {
  if (env.SMTP_URL?.trim()) return undefined;
  if (env.NODE_ENV !== 'production') return undefined;
  if (env.MAIL_OUTBOX_IN_PRODUCTION?.trim().toLowerCase() === 'true') return undefined;
  return 'Mail cannot be sent: SMTP_URL is not set on this production server (set it, or MAIL_OUTBOX_IN_PRODUCTION=true to keep mail in the outbox)';
}

/** The settings as the process has them now; read by name so that the build never inlines NODE_ENV. */
function processMailEnv(): MailEnv {
  const read = (name: keyof MailEnv) => process.env[name];
  return {
    NODE_ENV: read('NODE_ENV'),
    SMTP_URL: read('SMTP_URL'),
    MAIL_OUTBOX_IN_PRODUCTION: read('MAIL_OUTBOX_IN_PRODUCTION'),
  };
}

/**
 * 503 problem unless mail can be delivered. Flows that mail a link call it
 * before they change anything, so a refused sign-up leaves no half-made account.
 */
export function requireMailDelivery(env: MailEnv = processMailEnv()): void {
  const refusal = mailDeliveryRefusal(env);
  if (refusal) throw new ProblemError(problemOf(503, refusal, { type: 'mail-not-configured' }));
}
