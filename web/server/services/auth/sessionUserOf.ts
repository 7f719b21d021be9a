import type { SessionUser } from '@billstream/contracts';
import type { UserAccess } from '../access/loadUserAccess';

export function sessionUserOf(access: UserAccess): SessionUser {
  return {
    id: access.userId,
    email: access.email,
    firstName: access.firstName,
    lastName: access.lastName,
    organization: { id: access.organizationId, name: access.organizationName },
    roles: access.roles.map((role) => role.name),
    permissions: [...access.permissions],
  };
}
