import { useRedis } from '../../utils/redis';
import { sessionKey, userSessionsKey } from './sessionStore';

/** Ends one session: its access tokens stop working at once and its refresh token is dead. */
export async function revokeSession(userId: string, sessionId: string): Promise<void> {
  await useRedis().multi().del(sessionKey(sessionId)).srem(userSessionsKey(userId), sessionId).exec();
}
