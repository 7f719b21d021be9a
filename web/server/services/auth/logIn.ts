import type { LoginBody } from '@billstream/contracts';
import { hashPassword, verifyPassword } from '@billstream/db';
import { useDb } from '../../utils/db';
import { ProblemError, problemOf } from '../../utils/problem';
import { loadUserAccess, type UserAccess } from '../access/loadUserAccess';
import { recordActivity } from '../activity/recordActivity';
import { type IssuedSession, issueSession } from './issueSession';
import { admitLoginAttempt, countFailure, forgetAttempts } from './loginGuard';

export interface LogInInput extends LoginBody {
  readonly ip: string;
  readonly userAgent: string;
}

// Unknown e-mail addresses still cost one argon2 verification, so timing
// does not tell which addresses have accounts.
let dummyHash: Promise<string> | undefined;
function timingDecoy(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-just-a-timing-decoy');
  return dummyHash;
}

function refusal(status: number, type: string, detail: string, reason: string): ProblemError {
  return new ProblemError(
    problemOf(status, detail, {
      type,
      errors: [
        { name: 'body.email', reason },
        { name: 'body.password', reason },
      ],
    }),
  );
}

/** Checks the credentials under the brute-force guard and opens a session. */
export async function logIn(input: LogInInput): Promise<{ access: UserAccess; session: IssuedSession }> {
  const user = await useDb().user.findUnique({ where: { email: input.email } });
  const attempt = { email: input.email, ip: input.ip, ...(user ? { account: user } : {}) };
  const admitted = await admitLoginAttempt(attempt);
  const matches = await verifyPassword(user?.password ?? (await timingDecoy()), input.password);
  if (!user || !matches) {
    await countFailure(admitted);
    throw refusal(
      401,
      'invalid-credentials',
      'The e-mail address and password do not match an account',
      'does not match',
    );
  }
  // The password is known: whatever the account's state, this is no guess.
  await forgetAttempts(admitted);
  if (user.status === 'pending') {
    throw refusal(
      403,
      'email-not-verified',
      'Confirm your e-mail address first: follow the link we sent you',
      'is not verified yet',
    );
  }
  const access = await loadUserAccess(user.id);
  if (!access || user.status !== 'active') {
    await recordActivity({
      organizationId: user.organizationId,
      userId: user.id,
      action: 'auth.login_refused',
      resource: 'user',
      resourceId: user.id,
      metadata: { status: user.status },
      ip: input.ip,
    });
    throw refusal(
      403,
      'account-deactivated',
      'This account is deactivated; ask an administrator of your organization to reactivate it',
      'belongs to a deactivated account',
    );
  }
  const session = await issueSession({
    userId: user.id,
    organizationId: user.organizationId,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await useDb().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordActivity({
    organizationId: user.organizationId,
    userId: user.id,
    action: 'auth.login',
    resource: 'session',
    resourceId: session.sessionId.slice(0, 8),
    ip: input.ip,
  });
  return { access, session };
}
