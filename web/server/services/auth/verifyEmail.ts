import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { consumeMailedToken } from './mailedTokens';

/** Uses a verification link: the pending account becomes active. */
export async function verifyEmail(token: string, ip: string): Promise<{ email: string }> {
  const userId = await consumeMailedToken(token, 'email_verification');
  if (!userId) throw problems.invalid([{ name: 'body.token', reason: 'is invalid, used or expired' }]);
  const user = await useDb().user.update({
    where: { id: userId },
    data: { emailVerifiedAt: new Date(), status: 'active' },
  });
  await recordActivity({
    organizationId: user.organizationId,
    userId,
    action: 'auth.email_verified',
    resource: 'user',
    resourceId: userId,
    ip,
  });
  return { email: user.email };
}
