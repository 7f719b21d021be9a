// Finding 2 of the hardening review (issue 9): a holder of users:manage or
// roles:manage could make themselves admin. Each escalation path is a 403
// problem naming the refused field, changes nothing and is audited.
import { BUILTIN_ROLES } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForActivity } from './support/activity';
import { closeFixtures, createCustomRole, createUser, type FixtureUser } from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, Session } from './support/session';

const roleId = (name: string) => BUILTIN_ROLES.find((role) => role.name === name)!.id;
const tag = () => Math.random().toString(36).slice(2, 8);

let organizationId: string;
let admin: Session;
/** Manages users, reads accounts; no admin, no roles:manage. */
let userManager: { user: FixtureUser; roleId: string; session: Session };
/** Manages roles, reads accounts; no admin, no users:manage. */
let roleManager: { user: FixtureUser; roleId: string; session: Session };
/** A role granting accounts:read only: within both managers' access. */
let narrowRoleId: string;

async function withRole(keys: string[], label: string) {
  const role = await createCustomRole(organizationId, keys, label);
  const user = await createUser(organizationId, [{ id: role.id }], label);
  return { user, roleId: role.id, session: await Session.login(user.email, user.password) };
}

/** The roles a user holds, read by the admin. */
async function rolesOf(userId: string): Promise<string[]> {
  const user = await admin.get<{ roles: { id: string }[] }>(`/api/v1/users/${userId}`);
  return user.body.roles.map((role) => role.id).sort();
}

beforeAll(async () => {
  admin = await adminSession();
  organizationId = (await admin.get<{ organization: { id: string } }>('/api/auth/session')).body.organization.id;
  userManager = await withRole(['users:manage', 'users:read', 'accounts:read'], 'esc-users');
  roleManager = await withRole(['roles:manage', 'roles:read', 'accounts:read'], 'esc-roles');
  narrowRoleId = (await createCustomRole(organizationId, ['accounts:read'], 'esc-narrow')).id;
});
afterAll(closeFixtures);

describe('role assignment', () => {
  it('a non-admin cannot grant admin, not even to themselves', async () => {
    const path = `/api/v1/users/${userManager.user.id}/roles`;
    const problem = expectProblem(
      await userManager.session.request('PUT', path, { body: { roleIds: [userManager.roleId, roleId('admin')] } }),
      403,
    );
    expect(problem.type).toContain('privilege-escalation');
    expect(problem.errors).toEqual([{ name: 'body.roleIds.1', reason: expect.stringContaining('admin') }]);
    expect(await rolesOf(userManager.user.id)).toEqual([userManager.roleId]);
    // Still no admin: the roles route stays closed to them.
    expectProblem(await userManager.session.get('/api/v1/roles'), 403);
  });

  it('cannot assign a role with more permissions than the caller holds', async () => {
    const target = await createUser(organizationId, [{ id: narrowRoleId }], 'esc-target');
    const problem = expectProblem(
      await userManager.session.request('PUT', `/api/v1/users/${target.id}/roles`, {
        body: { roleIds: [roleId('finance')] },
      }),
      403,
    );
    expect(fieldNames(problem)).toEqual(['body.roleIds.0']);
    expect(problem.errors?.[0]?.reason).toContain('transactions:create');
    expect(await rolesOf(target.id)).toEqual([narrowRoleId]);
  });

  it('cannot invite a user with more permissions than the caller holds', async () => {
    const problem = expectProblem(
      await userManager.session.post('/api/v1/users', {
        email: `esc-invite-${tag()}@fixtures.test`,
        roleIds: [roleId('viewer')],
      }),
      403,
    );
    expect(fieldNames(problem)).toEqual(['body.roleIds.0']);
  });

  it("cannot replace the roles of someone holding more than the caller (an admin's, say)", async () => {
    const other = await createUser(organizationId, ['admin'], 'esc-other-admin');
    const problem = expectProblem(
      await userManager.session.request('PUT', `/api/v1/users/${other.id}/roles`, {
        body: { roleIds: [narrowRoleId] },
      }),
      403,
    );
    expect(fieldNames(problem)).toEqual(['params.id']);
    expect(await rolesOf(other.id)).toEqual([roleId('admin')]);
  });

  it('still grants what the caller holds, and audits a change of their own roles', async () => {
    // No roles yet: a user holding more than the caller (a viewer, say) would be refused (see above).
    const target = await createUser(organizationId, [], 'esc-legit');
    const granted = await userManager.session.request('PUT', `/api/v1/users/${target.id}/roles`, {
      body: { roleIds: [narrowRoleId] },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(await rolesOf(target.id)).toEqual([narrowRoleId]);

    const own = await userManager.session.request('PUT', `/api/v1/users/${userManager.user.id}/roles`, {
      body: { roleIds: [userManager.roleId, narrowRoleId] },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const rows = await waitForActivity(`/api/v1/users/${userManager.user.id}/activity?limit=100`, (entries) =>
      entries.some((row) => row.action === 'user.roles_changed' && row.metadata?.self === true),
    );
    expect(rows.find((row) => row.action === 'user.roles_changed' && row.metadata?.self === true)).toMatchObject({
      resourceId: userManager.user.id,
    });
    // The refused attempts of the tests above are in the log too.
    expect(rows.some((row) => row.action === 'access.escalation_refused')).toBe(true);
  });

  it('an admin still grants admin', async () => {
    const target = await createUser(organizationId, ['viewer'], 'esc-promoted');
    const granted = await admin.request('PUT', `/api/v1/users/${target.id}/roles`, {
      body: { roleIds: [roleId('admin')] },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(await rolesOf(target.id)).toEqual([roleId('admin')]);
  });
});

describe('role editing', () => {
  it('cannot create a role with permissions the caller lacks', async () => {
    const problem = expectProblem(
      await roleManager.session.post('/api/v1/roles', {
        name: `esc-${tag()}`,
        permissions: ['accounts:read', 'users:manage'],
      }),
      403,
    );
    expect(problem.errors).toEqual([{ name: 'body.permissions.1', reason: 'is a permission you do not hold' }]);
  });

  it('cannot edit another role to grant permissions the caller lacks', async () => {
    const role = await createCustomRole(organizationId, ['accounts:read'], 'esc-edit');
    const problem = expectProblem(
      await roleManager.session.request('PUT', `/api/v1/roles/${role.id}`, {
        body: { name: role.name, permissions: ['accounts:read', 'settings:write'] },
      }),
      403,
    );
    expect(fieldNames(problem)).toEqual(['body.permissions.1']);
    const roles = await admin.get<{ data: { id: string; permissions: string[] }[] }>(
      `/api/v1/roles?q=${encodeURIComponent(role.name)}`,
    );
    expect(roles.body.data.find((row) => row.id === role.id)?.permissions).toEqual(['accounts:read']);
  });

  it('cannot edit a role the caller holds, even within their permissions', async () => {
    const problem = expectProblem(
      await roleManager.session.request('PUT', `/api/v1/roles/${roleManager.roleId}`, {
        body: { name: `esc-own-${tag()}`, permissions: ['roles:manage', 'roles:read', 'accounts:read'] },
      }),
      403,
    );
    expect(fieldNames(problem)).toEqual(['params.id']);
  });

  it('still creates and edits roles within the caller permissions', async () => {
    const created = await roleManager.session.post<{ id: string }>('/api/v1/roles', {
      name: `esc-ok-${tag()}`,
      permissions: ['accounts:read'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const edited = await roleManager.session.request('PUT', `/api/v1/roles/${created.body.id}`, {
      body: { name: `esc-ok-${tag()}`, permissions: ['accounts:read', 'roles:read'] },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  });
});
