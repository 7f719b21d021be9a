import { isPermissionKey, type PermissionKey } from '@billstream/db/permissions';
import { useDb } from '../../utils/db';

export interface UserAccess {
  readonly userId: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly status: string;
  readonly roles: readonly { readonly id: string; readonly name: string }[];
  readonly permissions: readonly PermissionKey[];
}

/**
 * A user with the permissions of all their roles. Roles of another
 * organization never count, even if a row says so: built-in roles (no
 * organization) and the user's own organization's roles only.
 */
export async function loadUserAccess(userId: string): Promise<UserAccess | undefined> {
  const user = await useDb().user.findUnique({
    where: { id: userId },
    include: {
      organization: { select: { name: true } },
      roles: { include: { role: { include: { permissions: { include: { permission: true } } } } } },
    },
  });
  if (!user) return undefined;
  const roles = user.roles
    .map((link) => link.role)
    .filter((role) => role.organizationId === null || role.organizationId === user.organizationId);
  const keys = new Set<PermissionKey>();
  for (const role of roles) {
    for (const grant of role.permissions) if (isPermissionKey(grant.permission.key)) keys.add(grant.permission.key);
  }
  return {
    userId: user.id,
    organizationId: user.organizationId,
    organizationName: user.organization.name,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    status: user.status,
    roles: roles.map((role) => ({ id: role.id, name: role.name })).sort((a, b) => a.name.localeCompare(b.name)),
    permissions: [...keys].sort(),
  };
}
