import { recordActivity } from '../../services/activity/recordActivity';
import { revokeSession } from '../../services/sessions/revokeSession';
import { clearSessionCookies } from '../../utils/authCookies';
import { requestOrigin } from '../../utils/requestContext';

/** POST /api/auth/logout: ends this browser's session (if any) and clears its cookies. Always 204. */
export default defineEventHandler(async (event) => {
  const principal = event.context.principal;
  if (principal?.via === 'session' && principal.sessionId) {
    await revokeSession(principal.userId, principal.sessionId);
    await recordActivity({
      organizationId: principal.organizationId,
      userId: principal.userId,
      action: 'auth.logout',
      resource: 'session',
      resourceId: principal.sessionId.slice(0, 8),
      ip: requestOrigin(event).ip,
    });
  }
  clearSessionCookies(event);
  setResponseStatus(event, 204);
  return null;
});
