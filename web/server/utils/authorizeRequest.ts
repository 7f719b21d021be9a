import type { ApiRoute } from '#shared/auth/apiRoutes';
import { CSRF_HEADER } from './authCookies';
import { isJsonContentType, unsupportedMediaType } from './jsonContentType';
import { type Principal, problemsAuth } from './principal';
import { ProblemError, problemOf } from './problem';
import { safeEqual } from './secrets';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfProblem(): ProblemError {
  return new ProblemError(
    problemOf(403, 'State-changing requests with a session cookie must echo the bst_csrf cookie in X-CSRF-Token', {
      type: 'csrf-token-invalid',
      errors: [{ name: `header.${CSRF_HEADER}`, reason: 'is missing or does not match the session' }],
    }),
  );
}

/**
 * The decision for one request, given its route map entry (undefined: not
 * in the map, so refused like an unknown route) and the caller. Pure, so the
 * unit tests can walk every case without HTTP.
 */
export function authorizeRequest(
  method: string,
  path: string,
  route: ApiRoute | undefined,
  principal: Principal | undefined,
  csrfHeader: string | undefined,
): void {
  if (!route) throw new ProblemError(problemOf(404, `No API route ${method} ${path}`));
  const { access } = route;
  if (access.kind !== 'public' && !principal) throw problemsAuth.unauthenticated();
  const needsSession = access.kind === 'session' || (access.kind === 'permission' && access.sessionOnly === true);
  if (needsSession && principal?.via !== 'session') {
    throw problemsAuth.forbidden('This route needs a signed-in browser session, not an API token');
  }
  if (access.kind === 'permission' && !principal?.permissions.has(access.permission)) {
    const error = problemsAuth.forbidden(`This needs the permission ${access.permission}`);
    throw new ProblemError({ ...error.problem, permission: access.permission });
  }
  const needsCsrf = route.csrf !== false && principal?.via === 'session' && !SAFE_METHODS.has(method.toUpperCase());
  if (needsCsrf && !(csrfHeader && principal.csrfToken && safeEqual(csrfHeader, principal.csrfToken))) {
    throw csrfProblem();
  }
}

/**
 * CSRF-exempt writes (sign-in, sign-up, mailed links, webhooks) rely on a
 * cross-site form or no-cors fetch being unable to send JSON: so a body must
 * be declared application/json, which needs a CORS preflight. A missing
 * Content-Type is refused like text/plain. A write without any body has
 * nothing to smuggle and passes.
 */
export function assertCsrfExemptBodyIsJson(
  method: string,
  route: ApiRoute | undefined,
  contentType: string | undefined,
  hasBody: boolean,
): void {
  if (route?.csrf !== false || SAFE_METHODS.has(method.toUpperCase())) return;
  if (!hasBody && contentType === undefined) return;
  if (!isJsonContentType(contentType)) throw unsupportedMediaType();
}
