import { BUILTIN_ROLES, PERMISSION_KEYS, permissionsOf } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_ROLE_ID,
  grantsAdmin,
  isAdminCaller,
  refusedRoleGrant,
  refusedRoleIds,
  refusedRolePermissions,
} from './grantPolicy';

const roleId = (name: string) => BUILTIN_ROLES.find((role) => role.name === name)?.id as string;
const admin = { permissions: new Set<string>(PERMISSION_KEYS), isAdmin: true };
/** A user manager who is no admin: users:manage and a little more. */
const manager = { permissions: new Set<string>(['users:manage', 'users:read', 'accounts:read']), isAdmin: false };

describe('grant policy', () => {
  it('lets a caller grant what they hold', () => {
    expect(refusedRoleGrant(manager, { id: 'r1', permissions: ['accounts:read'] })).toBeUndefined();
    expect(refusedRolePermissions(manager, ['accounts:read', 'users:read'])).toEqual([]);
  });

  it('refuses a role granting permissions the caller lacks, naming them', () => {
    expect(refusedRoleGrant(manager, { id: 'r1', permissions: ['accounts:read', 'roles:manage'] })).toBe(
      'grants permissions you do not hold: roles:manage',
    );
    expect(refusedRolePermissions(manager, ['accounts:read', 'roles:manage'])).toEqual([
      { name: 'body.permissions.1', reason: 'is a permission you do not hold' },
    ]);
  });

  it('keeps admin access for admins: the admin role and the every-permission wildcard', () => {
    expect(grantsAdmin({ id: ADMIN_ROLE_ID, permissions: [] })).toBe(true);
    expect(grantsAdmin({ id: 'custom', permissions: [...PERMISSION_KEYS] })).toBe(true);
    expect(grantsAdmin({ id: roleId('finance'), permissions: permissionsOf('finance') })).toBe(false);
    // Even a caller holding every permission through custom roles is no admin.
    const everything = { permissions: new Set<string>(PERMISSION_KEYS), isAdmin: false };
    expect(refusedRoleGrant(everything, { id: ADMIN_ROLE_ID, permissions: [...PERMISSION_KEYS] })).toContain('admin');
    expect(refusedRolePermissions(everything, [...PERMISSION_KEYS])).toEqual([
      { name: 'body.permissions', reason: expect.stringContaining('admin') },
    ]);
    expect(refusedRoleGrant(admin, { id: ADMIN_ROLE_ID, permissions: [...PERMISSION_KEYS] })).toBeUndefined();
    expect(refusedRolePermissions(admin, [...PERMISSION_KEYS])).toEqual([]);
  });

  it('counts as admin only the admin role with every permission on this request', () => {
    const all = new Set<string>(PERMISSION_KEYS);
    expect(isAdminCaller([ADMIN_ROLE_ID], all)).toBe(true);
    // An admin's API token scoped to less is not an admin for granting.
    expect(isAdminCaller([ADMIN_ROLE_ID], new Set(['users:manage']))).toBe(false);
    expect(isAdminCaller([roleId('finance')], all)).toBe(false);
  });

  it('names each refused role id by its index', () => {
    const roles = new Map([
      ['viewer', { id: 'viewer', permissions: ['accounts:read'] }],
      [ADMIN_ROLE_ID, { id: ADMIN_ROLE_ID, permissions: [...PERMISSION_KEYS] }],
    ]);
    expect(refusedRoleIds(manager, ['viewer', ADMIN_ROLE_ID], roles)).toEqual([
      { name: 'body.roleIds.1', reason: 'grants admin access, which only an admin grants' },
    ]);
    expect(refusedRoleIds(admin, ['viewer', ADMIN_ROLE_ID], roles)).toEqual([]);
  });
});
