import {
  EMAIL_CHANGE_TTL_SECONDS,
  EMAIL_VERIFICATION_TTL_SECONDS,
  INVITATION_TTL_SECONDS,
  PASSWORD_RESET_TTL_SECONDS,
} from '../../utils/authSettings';
import { serverConfig } from '../../utils/config';
import type { MailMessage } from './mailer';

function link(path: string, token: string): string {
  return `${serverConfig().publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

const hours = (seconds: number) => Math.round(seconds / 3600);

/**
 * The mails of the account flows. Each belongs to the organization of the
 * account it is about, so the dev outbox shows it to that organization only;
 * account-exists goes to an address that is not signing up into any
 * organization, so it belongs to none and no tenant reads it.
 */
export const authMails = {
  emailVerification: (to: string, token: string, organizationId: string): MailMessage => ({
    to,
    kind: 'email_verification',
    organizationId,
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
  passwordReset: (to: string, token: string, organizationId: string): MailMessage => ({
    to,
    kind: 'password_reset',
    organizationId,
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
  invitation: (
    to: string,
    token: string,
    organization: { id: string; name: string },
    inviter: string,
  ): MailMessage => ({
    to,
    kind: 'invitation',
    organizationId: organization.id,
    subject: `You are invited to ${organization.name} on Billstream`,
    text: [
      `${inviter} invited you to ${organization.name} on Billstream.`,
      '',
      'Choose your password to sign in:',
      `${link('/reset-password', token)}&invited=1`,
      '',
      `The link works once and expires in ${Math.round(INVITATION_TTL_SECONDS / 86_400)} days.`,
    ].join('\n'),
  }),
  emailChange: (to: string, token: string, organizationId: string): MailMessage => ({
    to,
    kind: 'email_change',
    organizationId,
    subject: 'Confirm your new e-mail address for Billstream',
    text: [
      'Someone (hopefully you) asked to use this address for their Billstream account.',
      '',
      'Confirm it here; until then the old address stays in use:',
      `${link('/verify-email', token)}&change=1`,
      '',
      `The link works once and expires in ${hours(EMAIL_CHANGE_TTL_SECONDS)} hours. If you did not ask, ignore this mail.`,
    ].join('\n'),
  }),
  emailChanged: (to: string, newEmail: string, organizationId: string): MailMessage => ({
    to,
    kind: 'email_change',
    organizationId,
    subject: 'Your Billstream e-mail address was changed',
    text: [
      `The e-mail address of your Billstream account is now ${newEmail}.`,
      '',
      'If you did not do this, ask your administrator to deactivate the account.',
    ].join('\n'),
  }),
};
