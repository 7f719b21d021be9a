import { hashPassword } from '@billstream/db';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { revokeUserSessions } from '../sessions/revokeUserSessions';
import { clearAccountLockouts } from './loginGuard';
import { consumeMailedToken } from './mailedTokens';

/**
 * Uses a reset link: sets the new password and ends every session of the
 * user (whoever knew the old password is out). Following a mailed link also
 * proves the address, so a pending (e.g. invited) account becomes active;
 * a deactivated one stays deactivated.
 */
export async function resetPassword(token: string, password: string, ip: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  // An invitation link is a password-setting link too (the same page and route).
  const consumed = await consumeMailedToken(token, ['password_reset', 'invitation']);
  if (!consumed) throw problems.invalid([{ name: 'body.token', reason: 'is invalid, used or expired' }]);
  const { userId } = consumed;
  const current = await useDb().user.findUniqueOrThrow({ where: { id: userId } });
  const user = await useDb().user.update({
    where: { id: userId },
    data: {
      password: passwordHash,
      ...(current.status === 'pending' ? { status: 'active', emailVerifiedAt: new Date() } : {}),
    },
  });
  await revokeUserSessions(userId);
  await clearAccountLockouts(user.email);
  await recordActivity({
    organizationId: user.organizationId,
    userId,
    action: consumed.purpose === 'invitation' ? 'user.invitation_accepted' : 'auth.password_reset',
    resource: 'user',
    resourceId: userId,
    ip,
  });
}
