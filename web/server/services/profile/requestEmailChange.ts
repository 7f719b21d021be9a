import type { ChangeEmailBody, ProfileResource } from '@billstream/contracts';
import { verifyPassword } from '@billstream/db';
import { EMAIL_CHANGE_TTL_SECONDS } from '../../utils/authSettings';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { issueMailedToken } from '../auth/mailedTokens';
import { authMails } from '../mail/authMails';
import { requireMailDelivery } from '../mail/mailDelivery';
import { useMailer } from '../mail/mailer';
import { toProfileResource } from './toProfileResource';

/**
 * Starts an e-mail change: the current password confirms it is the user, and
 * a link goes to the new address. The old address stays until the link is
 * used (POST /api/auth/verify-email), so a typo never locks anyone out.
 */
export async function requestEmailChange(
  caller: Principal,
  body: ChangeEmailBody,
  ip: string,
): Promise<ProfileResource> {
  requireMailDelivery();
  const user = await useDb().user.findUniqueOrThrow({ where: { id: caller.userId } });
  if (!(await verifyPassword(user.password, body.currentPassword))) {
    throw problems.invalid([{ name: 'body.currentPassword', reason: 'does not match' }]);
  }
  if (body.email === user.email) throw problems.invalid([{ name: 'body.email', reason: 'is your address already' }]);
  if (await useDb().user.findUnique({ where: { email: body.email }, select: { id: true } })) {
    throw problems.conflict('Another account uses this address', 'email-taken', {
      name: 'body.email',
      reason: 'is taken',
    });
  }
  const token = await issueMailedToken(user.id, 'email_change', EMAIL_CHANGE_TTL_SECONDS, { newEmail: body.email });
  await useMailer().send(authMails.emailChange(body.email, token, caller.organizationId));
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'user.email_change_requested',
    resource: 'user',
    resourceId: caller.userId,
    metadata: { to: body.email },
    ip,
  });
  return toProfileResource(user, body.email);
}
