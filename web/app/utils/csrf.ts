/** The CSRF cookie the server sets at sign-in (readable on purpose; see nuxt.config.ts `auth`). */
export const CSRF_COOKIE = 'bst_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The current CSRF token from document.cookie (client only). */
export function readCsrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function needsCsrf(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

/** Only same-site paths get the caller's redirect: `/x` yes, `//evil` or `https://...` no. */
export function safeRedirect(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}

/** Where the page middleware sends users who may not open a page. */
export const FORBIDDEN_PATH = '/forbidden';
