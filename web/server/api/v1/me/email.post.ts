import { ChangeEmailBody, type ProfileResource } from '@billstream/contracts';
import { requestEmailChange } from '../../../services/profile/requestEmailChange';
import { requireSession } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** POST /api/v1/me/email {email, currentPassword}: mails a link to the new address (202); it applies once used. */
export default defineEventHandler(async (event): Promise<ProfileResource> => {
  const principal = requireSession(event);
  const body = await readValidatedJson(event, ChangeEmailBody);
  const profile = await requestEmailChange(principal, body, requestOrigin(event).ip);
  setResponseStatus(event, 202);
  return profile;
});
