import { recordActivity } from '../../services/activity/recordActivity';
import { revokeUserSessions } from '../../services/sessions/revokeUserSessions';
import { clearSessionCookies } from '../../utils/authCookies';
import { requireSession } from '../../utils/principal';
import { requestOrigin } from '../../utils/requestContext';

/** POST /api/auth/logout-all: "sign out everywhere", every session of the user ends, this one included. */
export default defineEventHandler(async (event) => {
  const principal = requireSession(event);
  const ended = await revokeUserSessions(principal.userId);
  await recordActivity({
    organizationId: principal.organizationId,
    userId: principal.userId,
    action: 'auth.logout_all',
    resource: 'session',
    metadata: { sessionsEnded: ended },
    ip: requestOrigin(event).ip,
  });
  clearSessionCookies(event);
  return { sessionsEnded: ended };
});
