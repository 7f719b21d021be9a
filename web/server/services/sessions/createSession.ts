import { SESSION_MAX_AGE_SECONDS } from '../../utils/authSettings';
import { useRedis } from '../../utils/redis';
import { randomSecret, sha256Hex } from '../../utils/secrets';
import { sessionKey, sessionTtlSeconds, userSessionsKey } from './sessionStore';

export interface NewSessionInput {
  readonly userId: string;
  readonly organizationId: string;
  readonly ip: string;
  readonly userAgent: string;
}

export interface NewSession {
  readonly sessionId: string;
  readonly refreshToken: string;
  readonly csrfToken: string;
}

/** Opens a session; the caller signs its first access token and sets the cookies. */
export async function createSession(input: NewSessionInput, now = Date.now()): Promise<NewSession> {
  const sessionId = randomSecret(16);
  const secret = randomSecret();
  const csrfToken = randomSecret();
  const absoluteExpiresAt = now + SESSION_MAX_AGE_SECONDS * 1000;
  await useRedis()
    .multi()
    .hset(sessionKey(sessionId), {
      userId: input.userId,
      organizationId: input.organizationId,
      csrfToken,
      refreshHash: sha256Hex(secret),
      previousHash: '',
      rotatedAt: String(now),
      createdAt: String(now),
      absoluteExpiresAt: String(absoluteExpiresAt),
      ip: input.ip,
      userAgent: input.userAgent.slice(0, 255),
    })
    .expire(sessionKey(sessionId), sessionTtlSeconds(absoluteExpiresAt, now))
    .sadd(userSessionsKey(input.userId), sessionId)
    .expire(userSessionsKey(input.userId), SESSION_MAX_AGE_SECONDS)
    .exec();
  return { sessionId, refreshToken: `${sessionId}.${secret}`, csrfToken };
}
