import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';

/**
 * A custom role of the caller's organization. Another organization's role
 * is 404 (it does not exist for this caller); a built-in role is 409, since
 * built-ins come from the permission table and change with it.
 */
export async function findEditableRole(organizationId: string, id: string) {
  const role = await useDb().role.findFirst({
    where: { id, OR: [{ organizationId }, { organizationId: null }] },
  });
  if (!role) throw problems.notFound(`There is no role ${id}`, { name: 'params.id', reason: 'no such role' });
  if (role.isBuiltin || role.organizationId === null) {
    throw problems.conflict(`${role.name} is a built-in role; it cannot be changed`, 'role-builtin', {
      name: 'params.id',
      reason: 'is a built-in role',
    });
  }
  return role;
}
