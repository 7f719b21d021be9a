import type { ChangePasswordBody } from '@billstream/contracts';
import { hashPassword, verifyPassword } from '@billstream/db';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { revokeUserSessions } from '../sessions/revokeUserSessions';

/** Changes the password after checking the current one; every other session of the user ends. */
export async function changePassword(
  caller: { userId: string; sessionId: string; ip: string },
  body: ChangePasswordBody,
): Promise<{ sessionsEnded: number }> {
  const user = await useDb().user.findUniqueOrThrow({ where: { id: caller.userId } });
  if (!(await verifyPassword(user.password, body.currentPassword))) {
    throw problems.invalid([{ name: 'body.currentPassword', reason: 'is not your current password' }]);
  }
  if (body.currentPassword === body.newPassword) {
    throw problems.invalid([{ name: 'body.newPassword', reason: 'must differ from the current password' }]);
  }
  await useDb().user.update({ where: { id: user.id }, data: { password: await hashPassword(body.newPassword) } });
  const sessionsEnded = await revokeUserSessions(user.id, caller.sessionId);
  await recordActivity({
    organizationId: user.organizationId,
    userId: user.id,
    action: 'auth.password_changed',
    resource: 'user',
    resourceId: user.id,
    metadata: { otherSessionsEnded: sessionsEnded },
    ip: caller.ip,
  });
  return { sessionsEnded };
}
