import type { UserResource } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';

export const USER_INCLUDE = {
  roles: { include: { role: { select: { id: true, name: true, organizationId: true } } } },
} as const satisfies Prisma.UserInclude;

export type UserRow = Prisma.UserGetPayload<{ include: typeof USER_INCLUDE }>;

export function toUserResource(row: UserRow): UserResource {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    status: row.status,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    roles: row.roles
      .map((link) => link.role)
      .filter((role) => role.organizationId === null || role.organizationId === row.organizationId)
      .map((role) => ({ id: role.id, name: role.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
