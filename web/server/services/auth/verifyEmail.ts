import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { authMails } from '../mail/authMails';
import { useMailer } from '../mail/mailer';
import { revokeUserSessions } from '../sessions/revokeUserSessions';
import { type ConsumedToken, consumeMailedToken } from './mailedTokens';

const invalidToken = () => problems.invalid([{ name: 'body.token', reason: 'is invalid, used or expired' }]);

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002';
}

/**
 * An e-mail change link: the new address replaces the old one (which is told
 * about it), and every session ends, so the user signs in with the new one.
 */
async function applyEmailChange(consumed: ConsumedToken, ip: string): Promise<{ email: string }> {
  const newEmail = consumed.newEmail;
  if (!newEmail) throw new Error(`email_change token of ${consumed.userId} without new_email`);
  const before = await useDb().user.findUniqueOrThrow({ where: { id: consumed.userId } });
  const user = await useDb()
    .user.update({ where: { id: consumed.userId }, data: { email: newEmail, emailVerifiedAt: new Date() } })
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw problems.conflict('Another account uses this address by now', 'email-taken', {
          name: 'body.token',
          reason: 'confirms an address another account uses by now',
        });
      throw error;
    });
  await revokeUserSessions(user.id);
  await useMailer().send(authMails.emailChanged(before.email, newEmail, user.organizationId));
  await recordActivity({
    organizationId: user.organizationId,
    userId: user.id,
    action: 'user.email_changed',
    resource: 'user',
    resourceId: user.id,
    metadata: { from: before.email, to: newEmail },
    ip,
  });
  return { email: user.email };
}

/** Uses a verification link: a pending account becomes active, or a requested new address takes effect. */
export async function verifyEmail(token: string, ip: string): Promise<{ email: string }> {
  const consumed = await consumeMailedToken(token, ['email_verification', 'email_change']);
  if (!consumed) throw invalidToken();
  if (consumed.purpose === 'email_change') return applyEmailChange(consumed, ip);
  // Only a pending account becomes active: a deactivated one stays deactivated.
  const current = await useDb().user.findUniqueOrThrow({ where: { id: consumed.userId } });
  const user = await useDb().user.update({
    where: { id: consumed.userId },
    data: { emailVerifiedAt: new Date(), ...(current.status === 'pending' ? { status: 'active' } : {}) },
  });
  await recordActivity({
    organizationId: user.organizationId,
    userId: user.id,
    action: 'auth.email_verified',
    resource: 'user',
    resourceId: user.id,
    ip,
  });
  return { email: user.email };
}
