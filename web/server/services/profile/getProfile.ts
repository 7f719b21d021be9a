import type { ProfileResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { pendingEmailOf } from '../auth/mailedTokens';
import { toProfileResource } from './toProfileResource';

/** The caller's own profile and settings. */
export async function getProfile(userId: string): Promise<ProfileResource> {
  const user = await useDb().user.findUniqueOrThrow({ where: { id: userId } });
  return toProfileResource(user, await pendingEmailOf(userId));
}
