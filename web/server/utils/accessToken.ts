import { errors, jwtVerify, SignJWT } from 'jose';
import { authSecret } from './authSecret';
import { ACCESS_TOKEN_TTL_SECONDS } from './authSettings';

const ISSUER = 'billstream';
const AUDIENCE = 'billstream-web';
const ALGORITHM = 'HS256';

export interface AccessClaims {
  readonly userId: string;
  readonly organizationId: string;
  readonly sessionId: string;
}

/** A short-lived JWT naming the user and the session; the session must still exist when it is used. */
export async function signAccessToken(
  claims: AccessClaims,
  now = new Date(),
  key = authSecret(),
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + ACCESS_TOKEN_TTL_SECONDS) * 1000);
  const token = await new SignJWT({ sid: claims.sessionId, org: claims.organizationId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
  return { token, expiresAt };
}

/** The claims of a valid, unexpired token signed by us; undefined for anything else. */
export async function verifyAccessToken(
  token: string,
  now = new Date(),
  key = authSecret(),
): Promise<AccessClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      currentDate: now,
    });
    const { sub, sid, org } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof org !== 'string') return undefined;
    return { userId: sub, organizationId: org, sessionId: sid };
  } catch (error) {
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
}
