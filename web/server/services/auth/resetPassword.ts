import { hashPassword } from '@billstream/db';
import { PASSWORD_RESET_ATTEMPTS_PER_IP } from '../../utils/authSettings';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { hitRateLimit } from '../../utils/rateLimit';
import { recordActivity } from '../activity/recordActivity';
import { revokeUserApiTokens } from '../apiTokens/revokeUserApiTokens';
import { revokeUserSessions } from '../sessions/revokeUserSessions';
import { clearAccountLockouts } from './loginGuard';
import { consumeMailedToken } from './mailedTokens';

/**
 * Uses a reset link: sets the new password and ends every session and API
 * token of the user (whoever knew the old password is out). Following a
 * mailed link also proves the address, so a pending (e.g. invited) account
 * becomes active; a deactivated one stays deactivated.
 *
 * The route is public, and argon2 is deliberately expensive: the token is
 * checked first (a sha256 looked up by the database, so its time does not
 * depend on how much of a guess is right) and the password is hashed only
 * for a live token, under a per-IP budget of attempts.
 */
export async function resetPassword(token: string, password: string, ip: string): Promise<void> {
  await hitRateLimit(PASSWORD_RESET_ATTEMPTS_PER_IP, ip);
  // An invitation link is a password-setting link too (the same page and route).
  const consumed = await consumeMailedToken(token, ['password_reset', 'invitation']);
  if (!consumed) throw problems.invalid([{ name: 'body.token', reason: 'is invalid, used or expired' }]);
  const { userId } = consumed;
  const passwordHash = await hashPassword(password);
  const current = await useDb().user.findUniqueOrThrow({ where: { id: userId } });
  const user = await useDb().user.update({
    where: { id: userId },
    data: {
      password: passwordHash,
      ...(current.status === 'pending' ? { status: 'active', emailVerifiedAt: new Date() } : {}),
    },
  });
  await revokeUserSessions(userId);
  const revokedTokens = await revokeUserApiTokens(userId);
  await clearAccountLockouts(user.email);
  await recordActivity({
    organizationId: user.organizationId,
    userId,
    action: consumed.purpose === 'invitation' ? 'user.invitation_accepted' : 'auth.password_reset',
    resource: 'user',
    resourceId: userId,
    metadata: { apiTokensRevoked: revokedTokens },
    ip,
  });
}
