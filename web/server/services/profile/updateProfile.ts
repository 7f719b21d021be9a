import type { ProfileResource, UpdateProfileBody } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { recordActivity } from '../activity/recordActivity';
import { pendingEmailOf } from '../auth/mailedTokens';
import { toProfileResource } from './toProfileResource';

/** Changes the caller's name and settings; fields left out stay as they are. */
export async function updateProfile(caller: Principal, body: UpdateProfileBody, ip: string): Promise<ProfileResource> {
  const user = await useDb().user.update({
    where: { id: caller.userId },
    data: {
      ...(body.firstName !== undefined ? { firstName: body.firstName || null } : {}),
      ...(body.lastName !== undefined ? { lastName: body.lastName || null } : {}),
      ...(body.locale !== undefined ? { locale: body.locale } : {}),
      ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
      ...(body.notificationPrefs !== undefined ? { notificationPrefs: body.notificationPrefs } : {}),
    },
  });
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'user.profile_updated',
    resource: 'user',
    resourceId: caller.userId,
    metadata: { fields: Object.keys(body).sort() },
    ip,
  });
  return toProfileResource(user, await pendingEmailOf(caller.userId));
}
