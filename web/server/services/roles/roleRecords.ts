import type { RoleResource } from '@billstream/contracts';
import { isPermissionKey, PERMISSION_KEYS } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { problems } from '../../utils/problem';

export const ROLE_INCLUDE = {
  permissions: { include: { permission: true } },
  users: { select: { user: { select: { organizationId: true } } } },
} as const satisfies Prisma.RoleInclude;

export type RoleRow = Prisma.RoleGetPayload<{ include: typeof ROLE_INCLUDE }>;

/** A role as the caller's organization sees it: only its own users count. */
export function toRoleResource(row: RoleRow, organizationId: string): RoleResource {
  const order = (key: string) => PERMISSION_KEYS.indexOf(key as (typeof PERMISSION_KEYS)[number]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtin: row.isBuiltin,
    permissions: row.permissions.map((grant) => grant.permission.key).sort((a, b) => order(a) - order(b)),
    userCount: row.users.filter((link) => link.user.organizationId === organizationId).length,
  };
}

/** 422 naming every entry of body.permissions that is not in the permission table. */
export function checkPermissionKeys(keys: readonly string[]): void {
  const fields = keys.flatMap((key, index) =>
    isPermissionKey(key) ? [] : [{ name: `body.permissions.${index}`, reason: 'is not a known permission' }],
  );
  if (fields.length > 0) throw problems.invalid(fields);
}

export function roleNameTaken(name: string) {
  return problems.conflict(`A role named ${name} exists already`, 'role-name-taken', {
    name: 'body.name',
    reason: 'is taken by another role',
  });
}
