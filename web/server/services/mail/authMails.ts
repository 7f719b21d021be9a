import { EMAIL_VERIFICATION_TTL_SECONDS, PASSWORD_RESET_TTL_SECONDS } from '../../utils/authSettings';
import { serverConfig } from '../../utils/config';
import type { MailMessage } from './mailer';

function link(path: string, token: string): string {
  return `${serverConfig().publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

const hours = (seconds: number) => Math.round(seconds / 3600);

/** The mails of the account flows. They are system mail: no organization reads them. */
export const authMails = {
  emailVerification: (to: string, token: string): MailMessage => ({
    to,
    kind: 'email_verification',
    organizationId: null,
    subject: 'Confirm your e-mail address for Billstream',
    text: [
      'Welcome to Billstream.',
      '',
      'Confirm your e-mail address to activate your account:',
      link('/verify-email', token),
      '',
      `The link works once and expires in ${hours(EMAIL_VERIFICATION_TTL_SECONDS)} hours.`,
    ].join('\n'),
  }),
  accountExists: (to: string): MailMessage => ({
    to,
    kind: 'account_exists',
    organizationId: null,
    subject: 'Someone tried to sign up with your e-mail address',
    text: [
      'Someone (maybe you) tried to create a Billstream account with this address, which already has one.',
      '',
      `Forgot your password? Reset it here: ${serverConfig().publicUrl}/forgot-password`,
    ].join('\n'),
  }),
  passwordReset: (to: string, token: string): MailMessage => ({
    to,
    kind: 'password_reset',
    organizationId: null,
    subject: 'Reset your Billstream password',
    text: [
      'Someone (hopefully you) asked to reset the password of your Billstream account.',
      '',
      'Choose a new password here:',
      link('/reset-password', token),
      '',
      `The link works once and expires in ${hours(PASSWORD_RESET_TTL_SECONDS)} hour(s). If you did not ask, ignore this mail.`,
    ].join('\n'),
  }),
};
