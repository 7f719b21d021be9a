import { useRedis } from '../../utils/redis';
import { type StoredSession, sessionKey, toStoredSession } from './sessionStore';

/** The live session with this id, or undefined once it ended (revoked, expired). */
export async function findSession(sessionId: string): Promise<StoredSession | undefined> {
  const fields = await useRedis().hgetall(sessionKey(sessionId));
  return toStoredSession(sessionId, fields);
}
