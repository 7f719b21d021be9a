import {
  PASSWORD_RESET_TTL_SECONDS,
  PASSWORD_RESETS_PER_ACCOUNT,
  PASSWORD_RESETS_PER_IP,
} from '../../utils/authSettings';
import { useDb } from '../../utils/db';
import { hitRateLimit } from '../../utils/rateLimit';
import { recordActivity } from '../activity/recordActivity';
import { authMails } from '../mail/authMails';
import { requireMailDelivery } from '../mail/mailDelivery';
import { useMailer } from '../mail/mailer';
import { issueMailedToken } from './mailedTokens';

/** Mails a reset link when the address has an account; the caller learns nothing either way. */
export async function requestPasswordReset(email: string, ip: string): Promise<void> {
  // Before anything else: without it the answer would say whether the address has an account.
  requireMailDelivery();
  await hitRateLimit(PASSWORD_RESETS_PER_IP, ip);
  const user = await useDb().user.findUnique({ where: { email } });
  if (!user || user.status === 'inactive') return;
  await hitRateLimit(PASSWORD_RESETS_PER_ACCOUNT, email);
  const token = await issueMailedToken(user.id, 'password_reset', PASSWORD_RESET_TTL_SECONDS);
  await useMailer().send(authMails.passwordReset(email, token, user.organizationId));
  await recordActivity({
    organizationId: user.organizationId,
    userId: user.id,
    action: 'auth.password_reset_requested',
    resource: 'user',
    resourceId: user.id,
    ip,
  });
}
