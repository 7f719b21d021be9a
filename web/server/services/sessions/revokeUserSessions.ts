import { useRedis } from '../../utils/redis';
import { sessionKey, userSessionsKey } from './sessionStore';

/** Ends every session of a user, except `keepSessionId` (the caller's, after a password change). Returns how many ended. */
export async function revokeUserSessions(userId: string, keepSessionId?: string): Promise<number> {
  const redis = useRedis();
  const sessionIds = (await redis.smembers(userSessionsKey(userId))).filter((id) => id !== keepSessionId);
  if (sessionIds.length === 0) return 0;
  await redis
    .multi()
    .del(...sessionIds.map(sessionKey))
    .srem(userSessionsKey(userId), ...sessionIds)
    .exec();
  return sessionIds.length;
}
