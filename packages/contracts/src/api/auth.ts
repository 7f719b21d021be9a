import { z } from 'zod';

/** NIST SP 800-63B: length over composition rules; the upper bound caps argon2 input. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const Email = z
  .string({ error: 'is required' })
  .trim()
  .max(255, 'must be at most 255 characters')
  .pipe(z.email({ error: 'must be an e-mail address' }))
  .transform((email) => email.toLowerCase());

/** A password being checked: any non-empty string (old passwords may predate the policy). */
export const GivenPassword = z
  .string({ error: 'is required' })
  .min(1, 'is required')
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** A password being set: the policy applies. */
export const NewPassword = z
  .string({ error: 'is required' })
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** The secret of an e-mailed link (verification, password reset): base64url. */
export const MailedToken = z
  .string({ error: 'is required' })
  .regex(/^[\w-]{20,128}$/, 'is not a token this service sent');

export const LoginBody = z.strictObject({ email: Email, password: GivenPassword });
export type LoginBody = z.infer<typeof LoginBody>;

export const RegisterBody = z.strictObject({
  email: Email,
  password: NewPassword,
  firstName: z.string().trim().min(1, 'is required').max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  organizationName: z.string({ error: 'is required' }).trim().min(2, 'must be at least 2 characters').max(200),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const VerifyEmailBody = z.strictObject({ token: MailedToken });
export const ForgotPasswordBody = z.strictObject({ email: Email });
export const ResetPasswordBody = z.strictObject({ token: MailedToken, password: NewPassword });
export const ChangePasswordBody = z.strictObject({ currentPassword: GivenPassword, newPassword: NewPassword });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** What GET /api/auth/session answers: the signed-in user and what they may do. */
export const SessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** Answer of POST /api/auth/login and /refresh; the tokens themselves travel in HttpOnly cookies. */
export const LoginResult = z.object({
  csrfToken: z.string(),
  accessTokenExpiresAt: z.string(),
  user: SessionUser,
});
export type LoginResult = z.infer<typeof LoginResult>;
