/**
 * CORS for the public API (/api/v1). Browsers on other origins may call it
 * only when their origin is listed in CORS_ORIGINS (comma-separated, e.g.
 * "https://app.example.com,https://admin.example.com"); empty means same
 * origin only, so no cross-origin grant is ever sent. Cross-origin callers use
 * API tokens (Authorization: Bearer): credentials (cookies) are not allowed,
 * so a foreign page can never ride a signed-in user's session.
 */
export const CORS_ORIGINS_ENV = 'CORS_ORIGINS';
export const CORS_PATH_PREFIX = '/api/v1/';
/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 600;
/** Most origins one deployment lists; more is a configuration mistake. */
export const CORS_ORIGINS_MAX = 64;
export const CORS_ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-None-Match',
  'X-Request-Id',
] as const;
/** Response headers a cross-origin script may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'X-Request-Id',
  'Idempotent-Replayed',
] as const;

/** Parses CORS_ORIGINS; a malformed entry is a configuration error and throws. */
export function parseCorsOrigins(value: string | undefined): ReadonlySet<string> {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length > CORS_ORIGINS_MAX)
    throw new Error(`${CORS_ORIGINS_ENV} lists more than ${CORS_ORIGINS_MAX} origins`);
  const origins = new Set<string>();
  for (const entry of entries) {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
      throw new Error(`${CORS_ORIGINS_ENV}: "${entry}" is not an origin like https://app.example.com`);
    }
    origins.add(url.origin);
  }
  return origins;
}

let cached: { raw: string | undefined; origins: ReadonlySet<string> } | undefined;

/** The configured origins (read from the environment at runtime, parsed once per value). */
export function corsOrigins(env: Record<string, string | undefined> = process.env): ReadonlySet<string> {
  const raw = env[CORS_ORIGINS_ENV];
  if (!cached || cached.raw !== raw) cached = { raw, origins: parseCorsOrigins(raw) };
  return cached.origins;
}

export function isPreflight(method: string, accessControlRequestMethod: string | undefined): boolean {
  return method === 'OPTIONS' && Boolean(accessControlRequestMethod);
}

/** Headers granting `origin` access to a response (actual requests and preflights). */
export function corsGrantHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS.join(', ') };
}

export function corsPreflightHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS.join(', '),
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
    'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
  };
}
