import type { RoleResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { ROLE_INCLUDE, toRoleResource } from './roleRecords';

/** The built-in roles, then the organization's own, by name. */
export async function listRoles(organizationId: string): Promise<RoleResource[]> {
  const rows = await useDb().role.findMany({
    where: { OR: [{ organizationId: null, isBuiltin: true }, { organizationId }] },
    include: ROLE_INCLUDE,
    orderBy: [{ isBuiltin: 'desc' }, { name: 'asc' }],
  });
  return rows.map((row) => toRoleResource(row, organizationId));
}
