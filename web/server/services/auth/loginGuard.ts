import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP, LOGIN_FAILURES_PER_IP, loginDelayMs } from '../../utils/authSettings';
import { problems } from '../../utils/problem';
import { admitAttempt, clearLockouts, type LockoutSubject, releaseAttempt } from '../../utils/rateLimit';
import { recordActivity } from '../activity/recordActivity';

/** The account behind an attempt, when the e-mail address names one. */
export interface AttemptedAccount {
  readonly id: string;
  readonly organizationId: string;
}

export interface LoginAttempt {
  readonly email: string;
  readonly ip: string;
  readonly account?: AttemptedAccount;
}

/** An attempt the guard let through, with its number under each limit. */
export interface AdmittedAttempt {
  readonly attempt: LoginAttempt;
  readonly counts: readonly number[];
}

// A separator no e-mail address or IP contains, so (account, IP) pairs cannot collide.
const SUBJECT_SEPARATOR = '|';

// The (account, IP) pair first: a right password forgets it and gives the IP its attempt back.
function subjectsOf(attempt: LoginAttempt): LockoutSubject[] {
  return [
    { limit: LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP, subject: `${attempt.email}${SUBJECT_SEPARATOR}${attempt.ip}` },
    { limit: LOGIN_FAILURES_PER_IP, subject: attempt.ip },
  ];
}

async function audit(attempt: LoginAttempt, action: string, metadata: Record<string, string | number>): Promise<void> {
  if (!attempt.account) {
    console.warn(`[auth] ${action} for unknown account from ${attempt.ip}`, metadata);
    return;
  }
  await recordActivity({
    organizationId: attempt.account.organizationId,
    userId: attempt.account.id,
    action,
    resource: 'user',
    resourceId: attempt.account.id,
    metadata,
    ip: attempt.ip,
  });
}

/**
 * Counts the attempt before its password is checked (one atomic Redis
 * script), or refuses it with 429 while the (account, IP) pair or the IP is
 * locked out; the refusal is audited. Then waits the progressive delay.
 */
export async function admitLoginAttempt(attempt: LoginAttempt): Promise<AdmittedAttempt> {
  const admission = await admitAttempt(subjectsOf(attempt));
  if (!admission.admitted) {
    const { limit, secondsLeft } = admission;
    await audit(attempt, 'auth.login_locked', { limit: limit.name, secondsLeft });
    throw problems.tooMany(
      `Too many failed sign-ins; try again in ${Math.ceil(secondsLeft / 60)} min`,
      'login-locked',
      secondsLeft,
      { limit: limit.name },
    );
  }
  const earlierAttempts = (admission.counts[0] ?? 1) - 1;
  const ms = loginDelayMs(earlierAttempts);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  return { attempt, counts: admission.counts };
}

/** The password was wrong: the attempt stays counted; audits it and any lockout it completed. */
export async function countFailure({ attempt, counts }: AdmittedAttempt): Promise<void> {
  await audit(attempt, 'auth.login_failed', {});
  for (const [index, { limit }] of subjectsOf(attempt).entries()) {
    if (counts[index] === limit.max) {
      await audit(attempt, 'auth.locked_out', { limit: limit.name, lockoutSeconds: limit.lockoutSeconds });
    }
  }
}

/** The password was right: the pair's attempts are forgotten and the IP gets this one back. */
export async function forgetAttempts({ attempt }: AdmittedAttempt): Promise<void> {
  await releaseAttempt(subjectsOf(attempt));
}

/** After a password reset the account starts afresh at every IP. */
export async function clearAccountLockouts(email: string): Promise<void> {
  await clearLockouts(LOGIN_ATTEMPTS_PER_ACCOUNT_AND_IP, `${email}${SUBJECT_SEPARATOR}`);
}
