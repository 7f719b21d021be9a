import type { PermissionKey } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { findSession } from '../sessions/findSession';
import { principalFor } from './principalFor';

/** The principal as its credential stands now: undefined once the token or session ended or the user left. */
async function currentPrincipal(principal: Principal, now: Date): Promise<Principal | undefined> {
  if (principal.via === 'api-token' && principal.apiTokenId) {
    const token = await useDb().apiToken.findUnique({ where: { id: principal.apiTokenId } });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return undefined;
    return principalFor(token.userId, { via: 'api-token', apiTokenId: token.id, scopes: token.scopes });
  }
  if (principal.via === 'session' && principal.sessionId) {
    const session = await findSession(principal.sessionId);
    if (!session || session.userId !== principal.userId) return undefined;
    const { sessionId, csrfToken, organizationId } = session;
    return principalFor(session.userId, { via: 'session', sessionId, csrfToken, organizationId });
  }
  return undefined;
}

/**
 * Whether a principal resolved earlier (when a long-lived request such as an
 * event stream began) may still do what it does: its API token is neither
 * revoked nor expired, or its session still exists, its user is active, in
 * the same organization, and still holds `permission`.
 */
export async function principalStillAllowed(
  principal: Principal,
  permission: PermissionKey,
  now = new Date(),
): Promise<boolean> {
  const current = await currentPrincipal(principal, now);
  return Boolean(current && current.organizationId === principal.organizationId && current.permissions.has(permission));
}
