import { ResetPasswordBody } from '@billstream/contracts';
import { resetPassword } from '../../../services/auth/resetPassword';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** POST /api/auth/password/reset {token, password}: single-use link -> new password, all sessions end. */
export default defineEventHandler(async (event) => {
  const { token, password } = await readValidatedJson(event, ResetPasswordBody);
  await resetPassword(token, password, requestOrigin(event).ip);
  return { status: 'password-reset' };
});
