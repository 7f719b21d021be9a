import { type ProfileResource, UpdateProfileBody } from '@billstream/contracts';
import { updateProfile } from '../../../services/profile/updateProfile';
import { requireSession } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** PATCH /api/v1/me {firstName?, lastName?, locale?, timezone?, notificationPrefs?}: own name and settings. */
export default defineEventHandler(async (event): Promise<ProfileResource> => {
  const principal = requireSession(event);
  const body = await readValidatedJson(event, UpdateProfileBody);
  return updateProfile(principal, body, requestOrigin(event).ip);
});
