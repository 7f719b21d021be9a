import { signAccessToken } from '../../utils/accessToken';
import type { IssuedCookies } from '../../utils/authCookies';
import { createSession, type NewSessionInput } from '../sessions/createSession';

export interface IssuedSession extends IssuedCookies {
  readonly sessionId: string;
  readonly refreshToken: string;
  readonly accessTokenExpiresAt: Date;
}

/** A new session with its first access token: everything the login answer sets as cookies. */
export async function issueSession(input: NewSessionInput): Promise<IssuedSession> {
  const session = await createSession(input);
  const { token, expiresAt } = await signAccessToken({
    userId: input.userId,
    organizationId: input.organizationId,
    sessionId: session.sessionId,
  });
  return { ...session, accessToken: token, accessTokenExpiresAt: expiresAt };
}
