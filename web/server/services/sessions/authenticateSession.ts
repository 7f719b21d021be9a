import { signAccessToken, verifyAccessToken } from '../../utils/accessToken';
import type { Principal } from '../../utils/principal';
import { principalFor } from '../access/principalFor';
import { findSession } from './findSession';
import { rotateRefreshToken } from './rotateRefreshToken';
import type { StoredSession } from './sessionStore';

export interface SessionAuthentication {
  readonly principal?: Principal;
  /** New tokens to set as cookies (after a silent refresh). */
  readonly reissued?: { readonly accessToken: string; readonly refreshToken?: string; readonly csrfToken: string };
  /** The cookies name no live session: clear them. */
  readonly clear: boolean;
}

async function sessionPrincipal(session: StoredSession): Promise<Principal | undefined> {
  return principalFor(session.userId, {
    via: 'session',
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
    organizationId: session.organizationId,
  });
}

/** A valid access token of a live session. */
async function fromAccessToken(accessToken: string): Promise<Principal | undefined> {
  const claims = await verifyAccessToken(accessToken);
  if (!claims) return undefined;
  const session = await findSession(claims.sessionId);
  if (!session || session.userId !== claims.userId) return undefined;
  return sessionPrincipal(session);
}

/** Trades the refresh token for new tokens (see rotateRefreshToken). */
export async function refreshSession(refreshToken: string): Promise<SessionAuthentication> {
  const rotation = await rotateRefreshToken(refreshToken);
  if (rotation.kind === 'invalid') return { clear: true };
  const principal = await sessionPrincipal(rotation.session);
  if (!principal) return { clear: true };
  const { token } = await signAccessToken(rotation.session);
  return {
    principal,
    clear: false,
    reissued: {
      accessToken: token,
      csrfToken: rotation.session.csrfToken,
      ...(rotation.kind === 'rotated' ? { refreshToken: rotation.refreshToken } : {}),
    },
  };
}

/**
 * The browser session behind the cookies: the access token when it is still
 * valid, else a silent refresh with the refresh token. Revocation is
 * immediate because every access token is checked against its session.
 */
export async function authenticateSession(
  accessToken: string | undefined,
  refreshToken: string | undefined,
  options: { refresh: boolean },
): Promise<SessionAuthentication> {
  const principal = accessToken ? await fromAccessToken(accessToken) : undefined;
  if (principal) return { principal, clear: false };
  if (refreshToken && options.refresh) return refreshSession(refreshToken);
  return { clear: Boolean(accessToken) && !refreshToken };
}
