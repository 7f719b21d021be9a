/**
 * Named lifetimes and limits of authentication. Every number the auth code
 * uses is here, so that reviewing the policy means reading one file.
 */

/** Access tokens (JWT, cookie bst_at): short-lived, checked against the session on every request. */
export const ACCESS_TOKEN_TTL_SECONDS = 5 * 60;
/** Refresh tokens (cookie bst_rt) rotate on use; an idle session ends after this long. */
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
/** No session outlives this, however active. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/**
 * A refresh token just replaced is still honoured this long (without another
 * rotation), so parallel requests of one page do not look like token theft.
 * Any later use of a replaced token revokes the whole session.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;

export const EMAIL_VERIFICATION_TTL_SECONDS = 24 * 60 * 60;
export const PASSWORD_RESET_TTL_SECONDS = 60 * 60;
/** An invitation link stays usable for a week: invitees may not read mail at once. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;
/** A link confirming a new e-mail address. */
export const EMAIL_CHANGE_TTL_SECONDS = 24 * 60 * 60;

export interface FixedWindowLimit {
  /** Shown in problems and audit rows, and part of the Redis key. */
  readonly name: string;
  readonly max: number;
  readonly windowSeconds: number;
}

export interface LockoutLimit extends FixedWindowLimit {
  /** Failures within the window that lock the subject out... */
  readonly max: number;
  /** ...for this long, even with the right password. */
  readonly lockoutSeconds: number;
}

/**
 * Sign-in attempts per account (e-mail address) AND client IP: counted before
 * the password is checked, so parallel guesses cannot exceed it, and keyed by
 * IP, so a stranger elsewhere cannot lock the owner out. A right password
 * forgets them.
 */
export const LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP: LockoutLimit = {
  name: 'login-attempts-per-account-ip',
  max: 5,
  windowSeconds: 15 * 60,
  lockoutSeconds: 15 * 60,
};

/** Failed sign-ins per client IP, whichever accounts they name (a right password gives its attempt back). */
export const LOGIN_FAILURES_PER_IP: LockoutLimit = {
  name: 'login-failures-per-ip',
  max: 20,
  windowSeconds: 15 * 60,
  lockoutSeconds: 15 * 60,
};

/**
 * Progressive delay: after FREE_FAILURES attempts on an account from one IP each
 * further attempt waits BASE_MS, doubling, up to MAX_MS, before it is checked.
 */
export const LOGIN_DELAY = { freeFailures: 2, baseMs: 250, maxMs: 2_000 } as const;

export const REGISTRATIONS_PER_IP: FixedWindowLimit = { name: 'registrations-per-ip', max: 20, windowSeconds: 60 * 60 };
export const PASSWORD_RESETS_PER_IP: FixedWindowLimit = {
  name: 'password-resets-per-ip',
  max: 20,
  windowSeconds: 60 * 60,
};
/**
 * Uses of reset/invitation links per client IP, valid or not: each valid one
 * costs an argon2 hash, and guesses at the token are refused long before
 * they could succeed.
 */
export const PASSWORD_RESET_ATTEMPTS_PER_IP: FixedWindowLimit = {
  name: 'password-reset-attempts-per-ip',
  max: 10,
  windowSeconds: 15 * 60,
};
export const PASSWORD_RESETS_PER_ACCOUNT: FixedWindowLimit = {
  name: 'password-resets-per-account',
  max: 5,
  windowSeconds: 60 * 60,
};

/** The delay before checking an attempt on an account with `failures` earlier attempts from the same IP. */
export function loginDelayMs(failures: number): number {
  const over = failures - LOGIN_DELAY.freeFailures;
  if (over <= 0) return 0;
  return Math.min(LOGIN_DELAY.baseMs * 2 ** (over - 1), LOGIN_DELAY.maxMs);
}
