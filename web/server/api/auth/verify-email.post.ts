import { VerifyEmailBody } from '@billstream/contracts';
import { verifyEmail } from '../../services/auth/verifyEmail';
import { readValidatedJson } from '../../utils/request';
import { requestOrigin } from '../../utils/requestContext';

/** POST /api/auth/verify-email {token}: activates the account the mailed link belongs to. */
export default defineEventHandler(async (event) => {
  const { token } = await readValidatedJson(event, VerifyEmailBody);
  const { email } = await verifyEmail(token, requestOrigin(event).ip);
  return { status: 'verified', email };
});
