import type { UserResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { assertMayAssignRoles } from '../access/grantChecks';
import type { GrantedRole } from '../access/grantPolicy';
import { recordActivity } from '../activity/recordActivity';
import { toUserResource, USER_INCLUDE } from './userRecords';

/**
 * The roles behind `roleIds` with the permissions they grant, when each is a
 * role the caller's organization may assign (a built-in or its own); 422
 * naming the others.
 */
export async function loadAssignableRoles(
  organizationId: string,
  roleIds: readonly string[],
): Promise<Map<string, GrantedRole>> {
  const found = await useDb().role.findMany({
    where: { id: { in: [...roleIds] }, OR: [{ organizationId: null, isBuiltin: true }, { organizationId }] },
    select: { id: true, permissions: { select: { permission: { select: { key: true } } } } },
  });
  const roles = new Map(
    found.map((role) => [role.id, { id: role.id, permissions: role.permissions.map((grant) => grant.permission.key) }]),
  );
  const fields = roleIds.flatMap((id, index) =>
    roles.has(id) ? [] : [{ name: `body.roleIds.${index}`, reason: 'is not a role of your organization' }],
  );
  if (fields.length > 0) throw problems.invalid(fields);
  return roles;
}

/** Admins must not lock themselves out: a caller changing their own roles keeps users:manage. */
async function checkSelfLockout(caller: Principal, userId: string, roleIds: readonly string[]): Promise<void> {
  if (caller.userId !== userId) return;
  const keeps = await useDb().rolePermission.count({
    where: { roleId: { in: [...roleIds] }, permission: { key: 'users:manage' } },
  });
  if (keeps > 0) return;
  throw problems.invalid([{ name: 'body.roleIds', reason: 'would take users:manage away from yourself' }]);
}

/**
 * Replaces the roles of a user of the caller's organization (another
 * organization's user is 404); only with roles within the caller's own
 * access (403 otherwise, see access/grantPolicy.ts).
 */
export async function setUserRoles(
  caller: Principal,
  userId: string,
  roleIds: readonly string[],
  ip: string,
): Promise<UserResource> {
  const db = useDb();
  const user = await db.user.findFirst({ where: { id: userId, organizationId: caller.organizationId } });
  if (!user) throw problems.notFound(`There is no user ${userId}`, { name: 'params.id', reason: 'no such user' });
  const wanted = [...new Set(roleIds)];
  const roles = await loadAssignableRoles(caller.organizationId, wanted);
  await assertMayAssignRoles(caller, wanted, roles, ip, userId);
  await checkSelfLockout(caller, userId, wanted);
  const row = await db.$transaction(async (tx) => {
    await tx.userRole.deleteMany({ where: { userId } });
    await tx.userRole.createMany({ data: wanted.map((roleId) => ({ userId, roleId })) });
    return tx.user.findUniqueOrThrow({ where: { id: userId }, include: USER_INCLUDE });
  });
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'user.roles_changed',
    resource: 'user',
    resourceId: userId,
    // `self`: a change to one's own roles, which the activity log should make easy to find.
    metadata: { roles: row.roles.map((link) => link.role.name), self: caller.userId === userId },
    ip,
  });
  return toUserResource(row);
}
