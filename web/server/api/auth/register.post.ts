import { RegisterBody } from '@billstream/contracts';
import { registerUser } from '../../services/auth/registerUser';
import { readValidatedJson } from '../../utils/request';
import { requestOrigin } from '../../utils/requestContext';

/** POST /api/auth/register: new organization + admin account, pending until the mailed link is followed. 202. */
export default defineEventHandler(async (event) => {
  const body = await readValidatedJson(event, RegisterBody);
  await registerUser({ ...body, ip: requestOrigin(event).ip });
  setResponseStatus(event, 202);
  return { status: 'verification-sent', email: body.email };
});
