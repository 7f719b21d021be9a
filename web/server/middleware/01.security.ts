import { isHttps } from '../utils/clientIp';
import {
  CORS_ORIGINS_ENV,
  CORS_PATH_PREFIX,
  corsGrantHeaders,
  corsOrigins,
  corsPreflightHeaders,
  isPreflight,
} from '../utils/cors';
import { ProblemError, problemOf } from '../utils/problem';

/** One year, subdomains included (sent over https only: over http browsers ignore it anyway). */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Transport security beside nuxt-security's headers (nuxt.config.ts): HSTS
 * when the request came over https, and CORS for /api/v1. It runs before
 * authentication, authorization and rate limits, so a preflight (which never
 * carries credentials) is answered here instead of being refused by the
 * deny-by-default route map, and every later error answer still carries the
 * CORS grant the browser needs to read it.
 */
export default defineEventHandler((event) => {
  if (isHttps(event)) setResponseHeader(event, 'Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  const path = event.path.split('?')[0] ?? '/';
  if (!path.startsWith(CORS_PATH_PREFIX)) return;
  const origin = getRequestHeader(event, 'origin');
  if (!origin) return;
  appendResponseHeader(event, 'Vary', 'Origin');
  const allowed = corsOrigins().has(origin);
  if (allowed) setResponseHeaders(event, corsGrantHeaders(origin));
  if (!isPreflight(event.method, getRequestHeader(event, 'access-control-request-method'))) return;
  if (!allowed) {
    throw new ProblemError(
      problemOf(403, `The origin ${origin} may not call this API from a browser`, {
        type: 'cors-origin-refused',
        errors: [{ name: 'header.origin', reason: `is not listed in ${CORS_ORIGINS_ENV}` }],
      }),
    );
  }
  setResponseHeaders(event, corsPreflightHeaders());
  return sendNoContent(event, 204);
});
