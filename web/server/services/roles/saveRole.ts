import type { RoleBody, RoleResource } from '@billstream/contracts';
import { BUILTIN_ROLE_NAMES } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { assertMayWriteRole } from '../access/grantChecks';
import { recordActivity } from '../activity/recordActivity';
import { findEditableRole } from './findEditableRole';
import { checkPermissionKeys, ROLE_INCLUDE, roleNameTaken, toRoleResource } from './roleRecords';

async function assertNameFree(organizationId: string, name: string, exceptId?: string): Promise<void> {
  if ((BUILTIN_ROLE_NAMES as readonly string[]).includes(name.toLowerCase())) throw roleNameTaken(name);
  const clash = await useDb().role.findFirst({
    where: {
      organizationId,
      name: { equals: name, mode: 'insensitive' },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
  });
  if (clash) throw roleNameTaken(name);
}

async function permissionIds(keys: readonly string[]): Promise<string[]> {
  const rows = await useDb().permission.findMany({ where: { key: { in: [...keys] } }, select: { id: true } });
  return rows.map((row) => row.id);
}

/**
 * Creates (id undefined) or replaces a custom role of the caller's
 * organization, granting only permissions the caller holds, and never a role
 * the caller holds (403 otherwise, see access/grantPolicy.ts).
 */
export async function saveRole(caller: Principal, body: RoleBody, ip: string, id?: string): Promise<RoleResource> {
  checkPermissionKeys(body.permissions);
  if (id) await findEditableRole(caller.organizationId, id);
  await assertMayWriteRole(caller, body.permissions, ip, id);
  await assertNameFree(caller.organizationId, body.name, id);
  const grants = (await permissionIds(body.permissions)).map((permissionId) => ({ permissionId }));
  const data = { name: body.name, description: body.description ?? null };
  const row = await useDb().$transaction(async (tx) => {
    if (!id) {
      return tx.role.create({
        data: { ...data, organizationId: caller.organizationId, permissions: { create: grants } },
        include: ROLE_INCLUDE,
      });
    }
    await tx.rolePermission.deleteMany({ where: { roleId: id } });
    return tx.role.update({ where: { id }, data: { ...data, permissions: { create: grants } }, include: ROLE_INCLUDE });
  });
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: id ? 'role.updated' : 'role.created',
    resource: 'role',
    resourceId: row.id,
    metadata: { name: row.name, permissions: [...body.permissions] },
    ip,
  });
  return toRoleResource(row, caller.organizationId);
}
