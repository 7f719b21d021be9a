import type { UserResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { revokeUserSessions } from '../sessions/revokeUserSessions';
import { findOrgUser } from './findOrgUser';
import { toUserResource, USER_INCLUDE } from './userRecords';

export type StatusChange = 'deactivate' | 'reactivate';

/**
 * Deactivation: status inactive, every session ends at once, every API token
 * is revoked and unused mailed links are retired; the user cannot sign in
 * until reactivated. Reactivation restores active (pending when the address
 * was never confirmed); revoked tokens stay revoked. Admins cannot
 * deactivate themselves (nobody could undo it for a lone admin).
 */
export async function setUserStatus(
  caller: Principal,
  userId: string,
  change: StatusChange,
  ip: string,
): Promise<UserResource> {
  const user = await findOrgUser(caller.organizationId, userId);
  if (change === 'deactivate' && userId === caller.userId) {
    throw problems.invalid([{ name: 'params.id', reason: 'is yourself; another admin must deactivate you' }]);
  }
  const now = new Date();
  const db = useDb();
  const status = change === 'deactivate' ? 'inactive' : user.emailVerifiedAt ? 'active' : 'pending';
  const { row, tokensRevoked } = await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { status, ...(change === 'deactivate' ? { deactivatedAt: now } : {}) },
    });
    let revoked = 0;
    if (change === 'deactivate') {
      revoked = (await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } })).count;
      await tx.verificationToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    }
    const updated = await tx.user.findUniqueOrThrow({ where: { id: userId }, include: USER_INCLUDE });
    return { row: updated, tokensRevoked: revoked };
  });
  const sessionsEnded = change === 'deactivate' ? await revokeUserSessions(userId) : 0;
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: change === 'deactivate' ? 'user.deactivated' : 'user.reactivated',
    resource: 'user',
    resourceId: userId,
    metadata: {
      email: user.email,
      status,
      ...(change === 'deactivate' ? { sessionsEnded, apiTokensRevoked: tokensRevoked } : {}),
    },
    ip,
  });
  return toUserResource(row);
}
