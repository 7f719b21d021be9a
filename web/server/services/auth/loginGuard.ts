import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_IP, loginDelayMs } from '../../utils/authSettings';
import { problems } from '../../utils/problem';
import { failureCount, lockoutSecondsLeft, recordFailure } from '../../utils/rateLimit';
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

const LIMITS = [
  { limit: LOGIN_FAILURES_PER_ACCOUNT, subject: (attempt: LoginAttempt) => attempt.email },
  { limit: LOGIN_FAILURES_PER_IP, subject: (attempt: LoginAttempt) => attempt.ip },
] as const;

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

/** 429 while the account or the IP is locked out; the refused attempt is audited. */
export async function refuseWhileLocked(attempt: LoginAttempt): Promise<void> {
  for (const { limit, subject } of LIMITS) {
    const secondsLeft = await lockoutSecondsLeft(limit, subject(attempt));
    if (secondsLeft === 0) continue;
    await audit(attempt, 'auth.login_locked', { limit: limit.name, secondsLeft });
    throw problems.tooMany(
      `Too many failed sign-ins; try again in ${Math.ceil(secondsLeft / 60)} min`,
      'login-locked',
      secondsLeft,
      { limit: limit.name },
    );
  }
}

/** Progressive delay: the more recent failures on the account, the longer each attempt waits. */
export async function delayAttempt(attempt: LoginAttempt): Promise<void> {
  const ms = loginDelayMs(await failureCount(LOGIN_FAILURES_PER_ACCOUNT, attempt.email));
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts a failed attempt against the account and the IP, auditing it and any lockout it causes. */
export async function countFailure(attempt: LoginAttempt): Promise<void> {
  await audit(attempt, 'auth.login_failed', {});
  for (const { limit, subject } of LIMITS) {
    if (await recordFailure(limit, subject(attempt))) {
      await audit(attempt, 'auth.locked_out', { limit: limit.name, lockoutSeconds: limit.lockoutSeconds });
    }
  }
}
