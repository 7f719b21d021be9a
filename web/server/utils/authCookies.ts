import type { H3Event } from 'h3';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from './authSettings';
import { isHttps } from './clientIp';

/**
 * Browser sessions live in three cookies. The two tokens are HttpOnly, so
 * page scripts never see them; the CSRF token is readable on purpose: the
 * app echoes it in X-CSRF-Token (double submit), and @sidebase/nuxt-auth
 * keeps it as its "token" to know a session exists.
 */
export const ACCESS_COOKIE = 'bst_at';
export const REFRESH_COOKIE = 'bst_rt';
export const CSRF_COOKIE = 'bst_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface IssuedCookies {
  readonly accessToken: string;
  /** Absent when a refresh within the grace window kept the current refresh token. */
  readonly refreshToken?: string;
  readonly csrfToken: string;
}

function base(event: H3Event) {
  return { path: '/', sameSite: 'lax' as const, secure: isHttps(event) };
}

export function setSessionCookies(event: H3Event, issued: IssuedCookies): void {
  const options = base(event);
  setCookie(event, ACCESS_COOKIE, issued.accessToken, { ...options, httpOnly: true, maxAge: ACCESS_TOKEN_TTL_SECONDS });
  if (issued.refreshToken) {
    setCookie(event, REFRESH_COOKIE, issued.refreshToken, {
      ...options,
      httpOnly: true,
      maxAge: REFRESH_TOKEN_TTL_SECONDS,
    });
  }
  setCookie(event, CSRF_COOKIE, issued.csrfToken, { ...options, httpOnly: false, maxAge: REFRESH_TOKEN_TTL_SECONDS });
}

export function clearSessionCookies(event: H3Event): void {
  for (const name of [ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE]) deleteCookie(event, name, base(event));
}

/**
 * After a silent refresh, later readers of this request (the page renderer
 * forwards the request's cookies to its own /api calls) must see the new
 * tokens, not the ones the browser sent.
 */
export function replaceRequestCookies(event: H3Event, issued: IssuedCookies): void {
  const replaced: Record<string, string | undefined> = {
    [ACCESS_COOKIE]: issued.accessToken,
    [REFRESH_COOKIE]: issued.refreshToken,
  };
  const kept = (event.node.req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !replaced[part.slice(0, part.indexOf('='))]);
  for (const [name, value] of Object.entries(replaced)) if (value) kept.push(`${name}=${value}`);
  event.node.req.headers.cookie = kept.join('; ');
}
