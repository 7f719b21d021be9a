import type { SessionUser } from '@billstream/contracts';
import { loadUserAccess } from '../../services/access/loadUserAccess';
import { sessionUserOf } from '../../services/auth/sessionUserOf';
import { problemsAuth, requireSession } from '../../utils/principal';

/** GET /api/auth/session: the signed-in user, their roles and permissions (what the UI shows and hides). */
export default defineEventHandler(async (event): Promise<SessionUser> => {
  const principal = requireSession(event);
  const access = await loadUserAccess(principal.userId);
  if (!access) throw problemsAuth.unauthenticated();
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return sessionUserOf(access);
});
