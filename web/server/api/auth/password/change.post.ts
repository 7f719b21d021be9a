import { ChangePasswordBody } from '@billstream/contracts';
import { changePassword } from '../../../services/auth/changePassword';
import { requireSession } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';
import { requestOrigin } from '../../../utils/requestContext';

/** POST /api/auth/password/change: needs the current password; the caller's other sessions end. */
export default defineEventHandler(async (event) => {
  const principal = requireSession(event);
  const body = await readValidatedJson(event, ChangePasswordBody);
  const { sessionsEnded } = await changePassword(
    { userId: principal.userId, sessionId: principal.sessionId, ip: requestOrigin(event).ip },
    body,
  );
  return { status: 'password-changed', otherSessionsEnded: sessionsEnded };
});
