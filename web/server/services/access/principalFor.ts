import type { PermissionKey } from '@billstream/contracts';
import type { Principal } from '../../utils/principal';
import { loadUserAccess, type UserAccess } from './loadUserAccess';

export type PrincipalSource =
  | { readonly via: 'session'; readonly sessionId: string; readonly csrfToken: string; readonly organizationId: string }
  | { readonly via: 'api-token'; readonly apiTokenId: string; readonly scopes: readonly string[] };

/**
 * The principal of an active user, with the permissions they hold right now
 * (role changes apply to the next request). An API token can only narrow
 * them: its permissions are its scopes that the user still holds.
 */
export async function principalFor(userId: string, source: PrincipalSource): Promise<Principal | undefined> {
  const access = await loadUserAccess(userId);
  return access ? principalOf(access, source) : undefined;
}

/** The principal of already loaded access (undefined for an inactive user or a moved session). */
export function principalOf(access: UserAccess, source: PrincipalSource): Principal | undefined {
  if (access.status !== 'active') return undefined;
  // A session belongs to one organization; a user moved since has to sign in again.
  if (source.via === 'session' && source.organizationId !== access.organizationId) return undefined;
  let permissions: PermissionKey[] = [...access.permissions];
  if (source.via === 'api-token') permissions = permissions.filter((key) => source.scopes.includes(key));
  const base = {
    userId: access.userId,
    organizationId: access.organizationId,
    email: access.email,
    permissions: new Set(permissions),
  };
  return source.via === 'session'
    ? { ...base, via: 'session', sessionId: source.sessionId, csrfToken: source.csrfToken }
    : { ...base, via: 'api-token', apiTokenId: source.apiTokenId };
}
