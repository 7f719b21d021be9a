import { isPermissionKey, type PermissionKey } from '@billstream/contracts';
import { Prisma } from '@billstream/db';
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

export interface AccessRow {
  userId: string;
  organizationId: string;
  organizationName: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: string;
  roles: { id: string; name: string }[];
  permissions: string[];
}

/**
 * The columns of a user's access over `users u` and ACCESS_JOINS, grouped by
 * u.id and o.name. Roles of another organization never count, even if a row
 * says so: built-in roles (no organization) and the user's own
 * organization's roles only.
 */
export const ACCESS_COLUMNS = Prisma.sql`
  u.id::text AS "userId", u.organization_id::text AS "organizationId", o.name AS "organizationName",
  u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.status,
  COALESCE(jsonb_agg(DISTINCT jsonb_build_object('id', r.id::text, 'name', r.name))
           FILTER (WHERE r.id IS NOT NULL), '[]'::jsonb) AS roles,
  COALESCE(array_agg(DISTINCT p.key) FILTER (WHERE p.key IS NOT NULL), '{}'::varchar[]) AS permissions`;

export const ACCESS_JOINS = Prisma.sql`
  JOIN organizations o ON o.id = u.organization_id
  LEFT JOIN user_roles ur ON ur.user_id = u.id
  LEFT JOIN roles r ON r.id = ur.role_id AND (r.organization_id IS NULL OR r.organization_id = u.organization_id)
  LEFT JOIN role_permissions rp ON rp.role_id = r.id
  LEFT JOIN permissions p ON p.id = rp.permission_id`;

/** A row of ACCESS_COLUMNS as the access the rest of the app uses (sorted roles and keys). */
export function toUserAccess(row: AccessRow): UserAccess {
  if (!Array.isArray(row.roles) || !Array.isArray(row.permissions)) throw new Error('access row without role lists');
  return {
    userId: row.userId,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    status: row.status,
    roles: [...row.roles].sort((a, b) => a.name.localeCompare(b.name)),
    permissions: row.permissions.filter(isPermissionKey).sort(),
  };
}

/**
 * A user with the permissions of all their roles. Every authenticated request
 * asks this, so it is one SQL statement (one round trip, no ORM query
 * planning) rather than a nested include.
 */
export async function loadUserAccess(userId: string): Promise<UserAccess | undefined> {
  const rows = await useDb().$queryRaw<AccessRow[]>`
    SELECT ${ACCESS_COLUMNS} FROM users u ${ACCESS_JOINS} WHERE u.id = ${userId}::uuid GROUP BY u.id, o.name`;
  const row = rows[0];
  if (!row) return undefined;
  if (row.userId !== userId) throw new Error('loadUserAccess read another user');
  return toUserAccess(row);
}
