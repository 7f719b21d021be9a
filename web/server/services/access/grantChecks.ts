import type { ProblemField } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { ProblemError, problemOf } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import {
  type GrantedRole,
  type GrantingCaller,
  isAdminCaller,
  refusedRoleIds,
  refusedRolePermissions,
} from './grantPolicy';

/** The caller as the grant policy sees them, with the ids of the roles they hold. */
export async function grantingCaller(caller: Principal): Promise<GrantingCaller & { roleIds: string[] }> {
  const links = await useDb().userRole.findMany({ where: { userId: caller.userId }, select: { roleId: true } });
  const roleIds = links.map((link) => link.roleId);
  return { permissions: caller.permissions, isAdmin: isAdminCaller(roleIds, caller.permissions), roleIds };
}

/**
 * 403 problem naming each refused field, after an audit row: an attempt to
 * gain access one does not have is worth reading in the activity log.
 */
async function refuseEscalation(
  caller: Principal,
  ip: string,
  target: { resource: 'user' | 'role'; id?: string },
  fields: readonly ProblemField[],
): Promise<never> {
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'access.escalation_refused',
    resource: target.resource,
    resourceId: target.id,
    metadata: {
      fields: fields
        .map((field) => `${field.name}: ${field.reason}`)
        .join('; ')
        .slice(0, 500),
    },
    ip,
  });
  throw new ProblemError(
    problemOf(403, 'You can only grant access you hold yourself', { type: 'privilege-escalation', errors: fields }),
  );
}

/** Assigning roles (invitation or role change): each must be within the caller's own access. */
export async function assertMayAssignRoles(
  caller: Principal,
  roleIds: readonly string[],
  roles: ReadonlyMap<string, GrantedRole>,
  ip: string,
  targetUserId?: string,
): Promise<void> {
  const granting = await grantingCaller(caller);
  const fields = refusedRoleIds(granting, roleIds, roles);
  if (targetUserId && !granting.isAdmin) {
    // Replacing the roles of someone with more access would take theirs away: only for those who hold it.
    const target = await useDb().rolePermission.findMany({
      where: { role: { users: { some: { userId: targetUserId } } } },
      select: { permission: { select: { key: true } } },
    });
    const beyond = [...new Set(target.map((row) => row.permission.key))].filter(
      (key) => !granting.permissions.has(key),
    );
    if (beyond.length > 0)
      fields.unshift({ name: 'params.id', reason: `holds permissions you do not hold: ${beyond.join(', ')}` });
  }
  if (fields.length > 0) await refuseEscalation(caller, ip, { resource: 'user', id: targetUserId }, fields);
}

/** Writing a role (create, or edit `roleId`): its permissions must be the caller's, and it must not be a role they hold. */
export async function assertMayWriteRole(
  caller: Principal,
  permissionKeys: readonly string[],
  ip: string,
  roleId?: string,
): Promise<void> {
  const granting = await grantingCaller(caller);
  const fields = refusedRolePermissions(granting, permissionKeys);
  if (roleId && granting.roleIds.includes(roleId)) {
    fields.unshift({ name: 'params.id', reason: 'is a role you hold; someone else has to change it' });
  }
  if (fields.length > 0) await refuseEscalation(caller, ip, { resource: 'role', id: roleId }, fields);
}
