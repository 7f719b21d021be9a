import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { recordActivity } from '../activity/recordActivity';
import { findEditableRole } from './findEditableRole';

/** Deletes a custom role; its users simply lose it (user_roles cascade). */
export async function deleteRole(caller: Principal, id: string, ip: string): Promise<void> {
  const role = await findEditableRole(caller.organizationId, id);
  await useDb().role.delete({ where: { id } });
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'role.deleted',
    resource: 'role',
    resourceId: id,
    metadata: { name: role.name },
    ip,
  });
}
