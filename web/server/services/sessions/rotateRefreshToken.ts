import { REFRESH_REUSE_GRACE_SECONDS } from '../../utils/authSettings';
import { useRedis } from '../../utils/redis';
import { randomSecret, sha256Hex } from '../../utils/secrets';
import { findSession } from './findSession';
import { revokeSession } from './revokeSession';
import { type StoredSession, sessionKey, sessionTtlSeconds, splitRefreshToken } from './sessionStore';

// Atomic: compare the presented hash with the current one and swap in the
// successor, or recognise the predecessor within the grace window.
const ROTATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
local current = redis.call('HGET', KEYS[1], 'refreshHash')
if current == ARGV[1] then
  redis.call('HSET', KEYS[1], 'refreshHash', ARGV[2], 'previousHash', ARGV[1], 'rotatedAt', ARGV[3])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  return 'rotated'
end
local previous = redis.call('HGET', KEYS[1], 'previousHash')
local rotatedAt = tonumber(redis.call('HGET', KEYS[1], 'rotatedAt') or '0')
if previous == ARGV[1] and tonumber(ARGV[3]) - rotatedAt <= tonumber(ARGV[4]) then return 'grace' end
return 'reused'`;

export type RotationResult =
  | { readonly kind: 'rotated'; readonly session: StoredSession; readonly refreshToken: string }
  | { readonly kind: 'grace'; readonly session: StoredSession }
  | { readonly kind: 'invalid' };

/**
 * Trades a refresh token for its successor. A token that was already
 * replaced (outside the grace window) means it leaked or was stolen: the
 * whole session is revoked, so neither party keeps it.
 */
export async function rotateRefreshToken(refreshToken: string, now = Date.now()): Promise<RotationResult> {
  const parts = splitRefreshToken(refreshToken);
  if (!parts) return { kind: 'invalid' };
  const session = await findSession(parts.sessionId);
  if (!session || session.absoluteExpiresAt <= now) return { kind: 'invalid' };
  const secret = randomSecret();
  const outcome = (await useRedis().eval(
    ROTATE,
    1,
    sessionKey(parts.sessionId),
    sha256Hex(parts.secret),
    sha256Hex(secret),
    String(now),
    String(REFRESH_REUSE_GRACE_SECONDS * 1000),
    String(sessionTtlSeconds(session.absoluteExpiresAt, now)),
  )) as string;
  if (outcome === 'rotated') return { kind: 'rotated', session, refreshToken: `${parts.sessionId}.${secret}` };
  if (outcome === 'grace') return { kind: 'grace', session };
  if (outcome === 'reused') {
    console.warn(`[auth] replaced refresh token reused; session ${parts.sessionId.slice(0, 6)}… revoked`);
    await revokeSession(session.userId, parts.sessionId);
  }
  return { kind: 'invalid' };
}
