import type { ProfileResource } from '@billstream/contracts';
import { getProfile } from '../../../services/profile/getProfile';
import { requireSession } from '../../../utils/principal';

/** GET /api/v1/me: the signed-in user's profile and settings. */
export default defineEventHandler(async (event): Promise<ProfileResource> => {
  const principal = requireSession(event);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return getProfile(principal.userId);
});
