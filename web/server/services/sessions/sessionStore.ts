import { REFRESH_TOKEN_TTL_SECONDS } from '../../utils/authSettings';
import { redisKey } from '../../utils/redis';

/**
 * Sessions live in Redis: one hash per session (who, its CSRF token, the
 * hash of its current refresh token) and one set per user naming their
 * sessions, so that "sign out everywhere" finds them all.
 */
export interface StoredSession {
  readonly sessionId: string;
  readonly userId: string;
  readonly organizationId: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly absoluteExpiresAt: number;
}

export function sessionKey(sessionId: string): string {
  return redisKey('session', sessionId);
}

export function userSessionsKey(userId: string): string {
  return redisKey('user-sessions', userId);
}

/** Seconds a session key should live from `now`: idle timeout, capped by the absolute end. */
export function sessionTtlSeconds(absoluteExpiresAt: number, now: number): number {
  return Math.max(1, Math.min(REFRESH_TOKEN_TTL_SECONDS, Math.ceil((absoluteExpiresAt - now) / 1000)));
}

/** Refresh tokens are `<session id>.<secret>`: the id finds the session, the secret proves possession. */
export function splitRefreshToken(token: string): { sessionId: string; secret: string } | undefined {
  const match = /^([\w-]{16,64})\.([\w-]{32,128})$/.exec(token);
  return match ? { sessionId: match[1] as string, secret: match[2] as string } : undefined;
}

export function toStoredSession(sessionId: string, fields: Record<string, string>): StoredSession | undefined {
  const { userId, organizationId, csrfToken, createdAt, absoluteExpiresAt } = fields;
  if (!userId || !organizationId || !csrfToken) return undefined;
  return {
    sessionId,
    userId,
    organizationId,
    csrfToken,
    createdAt: Number(createdAt),
    absoluteExpiresAt: Number(absoluteExpiresAt),
  };
}
