import type { ProblemField } from '@billstream/contracts';
import { BUILTIN_ROLES, PERMISSION_KEYS } from '@billstream/contracts';

/**
 * Who may hand out which access. Pure (no database), so the unit tests walk
 * every case; services/access/grantChecks.ts loads the rows and answers 403.
 *
 * - A caller grants only permissions they hold (through a role they assign,
 *   or by writing them into a role).
 * - Admin access (the built-in admin role, or any role granting every
 *   permission: the wildcard) is granted by admins only.
 * - Nobody edits a role they hold: they would be granting themselves.
 */

export const ADMIN_ROLE_ID = BUILTIN_ROLES.find((role) => role.name === 'admin')?.id as string;

export interface GrantingCaller {
  /** What the caller may do on this request (an API token narrows it to its scopes). */
  readonly permissions: ReadonlySet<string>;
  /** Holds the built-in admin role and, on this request, every permission. */
  readonly isAdmin: boolean;
}

export interface GrantedRole {
  readonly id: string;
  readonly permissions: readonly string[];
}

/** True for the admin role and for any role whose permissions are every permission there is. */
export function grantsAdmin(role: GrantedRole): boolean {
  if (role.id === ADMIN_ROLE_ID) return true;
  const granted = new Set(role.permissions);
  return PERMISSION_KEYS.every((key) => granted.has(key));
}

/** Whether a user holding `roleIds` and `permissions` counts as an admin (see GrantingCaller.isAdmin). */
export function isAdminCaller(roleIds: readonly string[], permissions: ReadonlySet<string>): boolean {
  return roleIds.includes(ADMIN_ROLE_ID) && PERMISSION_KEYS.every((key) => permissions.has(key));
}

/** Why `caller` may not grant `role`, or undefined when they may. */
export function refusedRoleGrant(caller: GrantingCaller, role: GrantedRole): string | undefined {
  if (caller.isAdmin) return undefined;
  if (grantsAdmin(role)) return 'grants admin access, which only an admin grants';
  const missing = role.permissions.filter((key) => !caller.permissions.has(key));
  return missing.length > 0 ? `grants permissions you do not hold: ${missing.join(', ')}` : undefined;
}

/** The fields of body.roleIds naming each role the caller may not assign. */
export function refusedRoleIds(
  caller: GrantingCaller,
  roleIds: readonly string[],
  roles: ReadonlyMap<string, GrantedRole>,
): ProblemField[] {
  return roleIds.flatMap((id, index) => {
    const role = roles.get(id);
    const reason = role ? refusedRoleGrant(caller, role) : undefined;
    return reason ? [{ name: `body.roleIds.${index}`, reason }] : [];
  });
}

/** The fields of a role body the caller may not write: permissions they lack, or the whole set when it is admin's. */
export function refusedRolePermissions(caller: GrantingCaller, keys: readonly string[]): ProblemField[] {
  if (caller.isAdmin) return [];
  if (grantsAdmin({ id: '', permissions: keys })) {
    return [{ name: 'body.permissions', reason: 'grants every permission (admin access), which only an admin grants' }];
  }
  return keys.flatMap((key, index) =>
    caller.permissions.has(key)
      ? []
      : [{ name: `body.permissions.${index}`, reason: 'is a permission you do not hold' }],
  );
}
