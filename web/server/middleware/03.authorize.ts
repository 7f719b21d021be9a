import { findApiRoute } from '#shared/auth/apiRoutes';
import { CSRF_HEADER } from '../utils/authCookies';
import { authorizeRequest } from '../utils/authorizeRequest';

/**
 * Every /api request passes the route map (shared/auth/apiRoutes.ts) before
 * its handler runs: unmapped routes are refused, then authentication,
 * permission and the CSRF double-submit check for cookie sessions.
 */
export default defineEventHandler((event) => {
  const path = event.path.split('?')[0] ?? '/';
  if (!path.startsWith('/api/') && path !== '/api') return;
  authorizeRequest(
    event.method,
    path,
    findApiRoute(event.method, path),
    event.context.principal,
    getRequestHeader(event, CSRF_HEADER),
  );
});
