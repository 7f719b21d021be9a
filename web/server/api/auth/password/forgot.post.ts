import { ForgotPasswordBody } from '@billstream/contracts';
import { requestPasswordReset } from '../../../services/auth/requestPasswordReset';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** POST /api/auth/password/forgot {email}: mails a reset link if the address has an account. Always 202. */
export default defineEventHandler(async (event) => {
  const { email } = await readValidatedJson(event, ForgotPasswordBody);
  await requestPasswordReset(email, requestOrigin(event).ip);
  setResponseStatus(event, 202);
  return { status: 'reset-mail-sent-if-account-exists' };
});
