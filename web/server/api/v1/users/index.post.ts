import { InviteUserBody, type UserResource } from '@billstream/contracts';
import { inviteUser } from '../../../services/users/inviteUser';
import { requirePrincipal } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** POST /api/v1/users {email, firstName?, lastName?, roleIds}: invites a user (201); they get a set-password link. */
export default defineEventHandler(async (event): Promise<UserResource> => {
  const principal = requirePrincipal(event);
  const body = await readValidatedJson(event, InviteUserBody);
  const user = await inviteUser(principal, body, requestOrigin(event).ip);
  setResponseStatus(event, 201);
  setResponseHeader(event, 'Location', `/api/v1/users/${user.id}`);
  return user;
});
