import { hashPassword } from '@billstream/db';
import { LOGIN_FAILURES_PER_ACCOUNT } from '../../utils/authSettings';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { clearFailures } from '../../utils/rateLimit';
import { recordActivity } from '../activity/recordActivity';
import { revokeUserSessions } from '../sessions/revokeUserSessions';
import { consumeMailedToken } from './mailedTokens';

/**
 * Uses a reset link: sets the new password and ends every session of the
 * user (whoever knew the old password is out). Following a mailed link also
 * proves the address, so a pending account becomes active.
 */
export async function resetPassword(token: string, password: string, ip: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const userId = await consumeMailedToken(token, 'password_reset');
  if (!userId) throw problems.invalid([{ name: 'body.token', reason: 'is invalid, used or expired' }]);
  const current = await useDb().user.findUniqueOrThrow({ where: { id: userId } });
  const user = await useDb().user.update({
    where: { id: userId },
    data: {
      password: passwordHash,
      ...(current.status === 'pending' ? { status: 'active', emailVerifiedAt: new Date() } : {}),
    },
  });
  await revokeUserSessions(userId);
  await clearFailures(LOGIN_FAILURES_PER_ACCOUNT, user.email);
  await recordActivity({
    organizationId: user.organizationId,
    userId,
    action: 'auth.password_reset',
    resource: 'user',
    resourceId: userId,
    ip,
  });
}
