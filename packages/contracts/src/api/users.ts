import { z } from 'zod';
import { Email, GivenPassword } from './auth.ts';

/** active: may sign in; inactive: deactivated by an admin; pending: invited or signed up, e-mail not yet confirmed. */
export const UserStatus = z.enum(['active', 'inactive', 'pending']);
export type UserStatus = z.infer<typeof UserStatus>;

/** Most roles one user may hold (also bounds PUT /users/:id/roles). */
export const USER_ROLES_MAX = 20;
const Name = z.string().trim().max(100, 'must be at most 100 characters');

/** Body of POST /api/v1/users: invite someone into the caller's organization. */
export const InviteUserBody = z.strictObject({
  email: Email,
  firstName: Name.optional(),
  lastName: Name.optional(),
  roleIds: z
    .array(z.uuid({ error: 'must be a UUID' }), { error: 'must be a list of role ids' })
    .min(1, 'must name at least one role')
    .max(USER_ROLES_MAX),
});
export type InviteUserBody = z.infer<typeof InviteUserBody>;

/** What a user wants to be told about by mail. Unknown keys are refused. */
export const NotificationPrefs = z.strictObject({
  /** A credit or debit they submitted was rejected. */
  transactionRejected: z.boolean(),
  /** A weekly summary of the organization's activity. */
  weeklySummary: z.boolean(),
  /** Sign-ins from new places, password and e-mail changes. */
  securityAlerts: z.boolean(),
  /** Invoices, receipts, failed payments and reminders addressed to them (sent by the mail relay). */
  billingMails: z.boolean(),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;
export const NOTIFICATION_PREFS_DEFAULT: NotificationPrefs = {
  transactionRejected: true,
  weeklySummary: false,
  securityAlerts: true,
  billingMails: true,
};

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value)[0] === value;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const Locale = z.string().max(35).refine(isLocale, 'must be a BCP 47 locale such as en-US');
export const TimeZone = z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** Body of PATCH /api/v1/me: the caller's own name and settings; what is left out stays. */
export const UpdateProfileBody = z.strictObject({
  firstName: Name.nullable().optional(),
  lastName: Name.nullable().optional(),
  locale: Locale.optional(),
  timezone: TimeZone.optional(),
  notificationPrefs: NotificationPrefs.optional(),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

/** Body of POST /api/v1/me/email: a new address, confirmed by the current password, effective once verified. */
export const ChangeEmailBody = z.strictObject({ email: Email, currentPassword: GivenPassword });
export type ChangeEmailBody = z.infer<typeof ChangeEmailBody>;

export const ProfileResource = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  /** Up to two letters for the avatar. */
  initials: z.string(),
  locale: z.string(),
  timezone: z.string(),
  notificationPrefs: NotificationPrefs,
  /** An address waiting for its verification link, if any. */
  pendingEmail: z.string().nullable(),
});
export type ProfileResource = z.infer<typeof ProfileResource>;

/** Avatar initials: first letters of first and last name, else of the e-mail's local part. */
export function initialsOf(user: { firstName: string | null; lastName: string | null; email: string }): string {
  const fromName = [user.firstName, user.lastName]
    .map((part) => part?.trim().charAt(0) ?? '')
    .join('')
    .toUpperCase();
  if (fromName.length > 0) return fromName;
  return user.email.slice(0, 2).toUpperCase();
}
