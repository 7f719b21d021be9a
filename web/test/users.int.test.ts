import { randomUUID } from 'node:crypto';
import { BUILTIN_ROLES } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFixtures, createUser, type FixtureUser } from './support/fixtures';
import { mailedToken } from './support/outbox';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, bearer, Session } from './support/session';

const VIEWER_ROLE_ID = BUILTIN_ROLES.find((role) => role.name === 'viewer')!.id;
const FINANCE_ROLE_ID = BUILTIN_ROLES.find((role) => role.name === 'finance')!.id;
const PASSWORD = 'invited-user-password';

let admin: Session;
let organizationId: string;
const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@users.test`;

beforeAll(async () => {
  admin = await adminSession();
  const me = await admin.get<{ organization: { id: string } }>('/api/auth/session');
  organizationId = me.body.organization.id;
});
afterAll(closeFixtures);

interface UserBody {
  id: string;
  email: string;
  status: string;
  firstName: string | null;
  roles: { id: string; name: string }[];
}

async function invite(address: string, roleIds = [VIEWER_ROLE_ID]) {
  const created = await admin.post<UserBody>('/api/v1/users', { email: address, firstName: 'Ivy', roleIds });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

describe('inviting users', () => {
  it('invite → set password through the mailed link → sign in', async () => {
    const address = email('invitee');
    const user = await invite(address, [FINANCE_ROLE_ID]);
    expect(user).toMatchObject({ email: address, status: 'pending', firstName: 'Ivy', roles: [{ name: 'finance' }] });
    // Pending: no password of theirs yet, so nobody can sign in as them.
    expect((await new Session().post('/api/auth/login', { email: address, password: PASSWORD })).status).toBe(401);

    const token = await mailedToken(address, '/reset-password');
    expect((await new Session().post('/api/auth/password/reset', { token, password: PASSWORD })).status).toBe(200);
    const session = await Session.login(address, PASSWORD);
    const me = await session.get<{ email: string; roles: string[] }>('/api/auth/session');
    expect(me.body).toMatchObject({ email: address, roles: ['finance'] });
    const listed = await admin.get<{ data: UserBody[] }>(`/api/v1/users?q=${encodeURIComponent(address)}`);
    expect(listed.body.data.map((row) => [row.email, row.status])).toEqual([[address, 'active']]);
    // The link is single-use.
    expectProblem(await new Session().post('/api/auth/password/reset', { token, password: PASSWORD }), 422);
  });

  it('refuses a taken address (409) and names bad fields (422) without creating anyone', async () => {
    const address = email('twice');
    await invite(address);
    const again = await admin.post('/api/v1/users', { email: address, roleIds: [VIEWER_ROLE_ID] });
    expect(fieldNames(expectProblem(again, 409))).toEqual(['body.email']);
    const bad = await admin.post('/api/v1/users', { email: 'not-an-address', roleIds: [] });
    expect(fieldNames(expectProblem(bad, 422)).sort()).toEqual(['body.email', 'body.roleIds']);
    const unknownRole = await admin.post('/api/v1/users', { email: email('norole'), roleIds: [randomUUID()] });
    expect(fieldNames(expectProblem(unknownRole, 422))).toEqual(['body.roleIds.0']);
  });

  it('searches by e-mail or name and filters by status, scoped to the organization', async () => {
    const tag = randomUUID().slice(0, 8);
    const invited = await invite(`search-${tag}@users.test`);
    const byName = await admin.get<{ data: UserBody[]; page: { total: number } }>(
      `/api/v1/users?q=${tag}&status=pending`,
    );
    expect(byName.body.data.map((row) => row.id)).toEqual([invited.id]);
    expect(byName.body.page.total).toBe(1);
    const active = await admin.get<{ data: UserBody[] }>(`/api/v1/users?q=${tag}&status=active`);
    expect(active.body.data).toEqual([]);
    expect(fieldNames(expectProblem(await admin.get('/api/v1/users?status=sleeping'), 422))).toEqual(['query.status']);
  });
});

describe('deactivating and reactivating', () => {
  let user: FixtureUser;

  beforeAll(async () => {
    user = await createUser(organizationId, ['finance'], 'deactivate');
  });

  it('ends sessions, revokes API tokens and refuses sign-in with a clear error; reactivation restores sign-in', async () => {
    const session = await Session.login(user.email, user.password);
    const created = await session.post<{ token: string }>('/api/v1/api-tokens', {
      name: 'soon dead',
      scopes: ['accounts:read'],
    });
    expect(created.status).toBe(201);
    const call = bearer(created.body.token);
    expect((await call('GET', '/api/v1/accounts')).status).toBe(200);

    const deactivated = await admin.post<UserBody>(`/api/v1/users/${user.id}/deactivate`);
    expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
    expect(deactivated.body.status).toBe('inactive');
    expect((await session.get('/api/auth/session')).status).toBe(401);
    expect((await call('GET', '/api/v1/accounts')).status).toBe(401);
    const refused = await new Session().post('/api/auth/login', { email: user.email, password: user.password });
    expect(expectProblem(refused, 403)).toMatchObject({
      type: expect.stringContaining('account-deactivated'),
      detail: expect.stringContaining('deactivated'),
    });

    const reactivated = await admin.post<UserBody>(`/api/v1/users/${user.id}/reactivate`);
    expect(reactivated.body.status).toBe('active');
    await Session.login(user.email, user.password);
    // Tokens revoked on deactivation stay revoked.
    expect((await call('GET', '/api/v1/accounts')).status).toBe(401);
  });

  it('an admin cannot deactivate themselves; another organization’s user is 404', async () => {
    const me = await admin.get<{ id: string }>('/api/auth/session');
    expect(fieldNames(expectProblem(await admin.post(`/api/v1/users/${me.body.id}/deactivate`), 422))).toEqual([
      'params.id',
    ]);
    expectProblem(await admin.post(`/api/v1/users/${randomUUID()}/deactivate`), 404);
  });
});

describe('profile and settings', () => {
  let user: FixtureUser;
  let session: Session;

  beforeAll(async () => {
    user = await createUser(organizationId, ['viewer'], 'profile');
    session = await Session.login(user.email, user.password);
  });

  it('reads and changes name and settings; the avatar initials follow the name', async () => {
    const before = await session.get<Record<string, unknown>>('/api/v1/me');
    expect(before.body).toMatchObject({
      email: user.email,
      locale: 'en-US',
      timezone: 'UTC',
      notificationPrefs: { securityAlerts: true, transactionRejected: true, weeklySummary: false, billingMails: true },
      pendingEmail: null,
    });
    const prefs = { securityAlerts: false, transactionRejected: true, weeklySummary: true, billingMails: false };
    const changed = await session.request<Record<string, unknown>>('PATCH', '/api/v1/me', {
      body: {
        firstName: 'Grace',
        lastName: 'Hopper',
        locale: 'de-DE',
        timezone: 'Europe/Berlin',
        notificationPrefs: prefs,
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      initials: 'GH',
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      notificationPrefs: prefs,
    });
    expect((await session.get('/api/v1/me')).body).toMatchObject({ firstName: 'Grace', timezone: 'Europe/Berlin' });
    expect((await session.get('/api/auth/session')).body).toMatchObject({ firstName: 'Grace', lastName: 'Hopper' });
  });

  it('refuses unknown time zones, locales and preference keys, naming each field, and changes nothing', async () => {
    const bad = await session.request('PATCH', '/api/v1/me', {
      body: { timezone: 'Mars/Olympus', locale: 'not a locale', notificationPrefs: { spam: true } },
    });
    // A preference object is checked key by key: the unknown one and each missing one are named.
    expect(fieldNames(expectProblem(bad, 422)).sort()).toEqual([
      'body.locale',
      'body.notificationPrefs.billingMails',
      'body.notificationPrefs.securityAlerts',
      'body.notificationPrefs.spam',
      'body.notificationPrefs.transactionRejected',
      'body.notificationPrefs.weeklySummary',
      'body.timezone',
    ]);
    expect((await session.get('/api/v1/me')).body).toMatchObject({ timezone: 'Europe/Berlin', locale: 'de-DE' });
  });
});

describe('changing the e-mail address', () => {
  it('takes effect only once the link mailed to the new address is used; then sessions end', async () => {
    const me = await createUser(organizationId, ['viewer'], 'mover');
    const session = await Session.login(me.email, me.password);
    const wrongPassword = await session.post('/api/v1/me/email', { email: email('moved'), currentPassword: 'nope' });
    expect(fieldNames(expectProblem(wrongPassword, 422))).toEqual(['body.currentPassword']);

    const target = email('moved');
    const asked = await session.post<{ email: string; pendingEmail: string }>('/api/v1/me/email', {
      email: target,
      currentPassword: me.password,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ email: me.email, pendingEmail: target });
    // Until confirmed, the old address is the one that signs in.
    await Session.login(me.email, me.password);

    const token = await mailedToken(target, '/verify-email');
    const verified = await new Session().post<{ email: string }>('/api/auth/verify-email', { token });
    expect(verified.body).toMatchObject({ email: target });
    expect((await session.get('/api/auth/session')).status).toBe(401);
    expect((await new Session().post('/api/auth/login', { email: me.email, password: me.password })).status).toBe(401);
    const moved = await Session.login(target, me.password);
    expect((await moved.get('/api/v1/me')).body).toMatchObject({ email: target, pendingEmail: null });
  });

  it('refuses an address another account has (409)', async () => {
    const me = await createUser(organizationId, ['viewer'], 'taken');
    const other = await createUser(organizationId, ['viewer'], 'owner');
    const session = await Session.login(me.email, me.password);
    const taken = await session.post('/api/v1/me/email', { email: other.email, currentPassword: me.password });
    expect(fieldNames(expectProblem(taken, 409))).toEqual(['body.email']);
  });
});
