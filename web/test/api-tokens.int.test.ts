import { randomUUID } from 'node:crypto';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anActiveAccount } from './support/api';
import { closeFixtures, createUser, db, type FixtureUser } from './support/fixtures';
import { mailedToken } from './support/outbox';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, bearer, Session } from './support/session';

let finance: FixtureUser;
let financeSession: Session;

beforeAll(async () => {
  const me = await (await adminSession()).get<{ organization: { id: string } }>('/api/auth/session');
  finance = await createUser(me.body.organization.id, ['finance'], 'tokens-finance');
  financeSession = await Session.login(finance.email, finance.password);
});
afterAll(closeFixtures);

async function newToken(scopes: string[], session = financeSession): Promise<{ id: string; token: string }> {
  const created = await session.post<{ id: string; token: string }>('/api/v1/api-tokens', { name: 'int', scopes });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.token).toMatch(/^bst_[\w-]{43}$/);
  return created.body;
}

describe('personal API tokens', () => {
  it('are shown once: the list never carries the secret', async () => {
    const { id } = await newToken(['accounts:read']);
    const list = await financeSession.get<{ data: Record<string, unknown>[] }>('/api/v1/api-tokens');
    const row = list.body.data.find((token) => token.id === id);
    expect(row).toMatchObject({ id, scopes: ['accounts:read'], revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain('bst_');
  });

  it('open /api/v1 within their scopes only, and need no CSRF token', async () => {
    const { token } = await newToken(['accounts:read']);
    const call = bearer(token);
    const account = await anActiveAccount();
    expect((await call('GET', `/api/v1/accounts/${account.id}`)).status).toBe(200);
    const body = { accountId: account.id, type: 'credit', amount: '1.00', currency: account.currency };
    expect(expectProblem(await call('POST', '/api/v1/transactions', body), 403)).toMatchObject({
      permission: 'transactions:create',
    });
    expectProblem(await call('GET', `/api/v1/accounts/${account.id}/transactions`), 403);
  });

  it('may write when scoped to, without a CSRF header (bearer requests are not cookie sessions)', async () => {
    const { token } = await newToken(['transactions:create', 'transactions:read']);
    const account = await anActiveAccount();
    const body = { accountId: account.id, type: 'credit', amount: '1.00', currency: account.currency };
    const response = await bearer(token)('POST', '/api/v1/transactions', body, { 'idempotency-key': randomUUID() });
    expect(response.status).toBe(202);
  });
});

describe('API token scopes', () => {
  it('cannot be scoped beyond the permissions of their user', async () => {
    const problem = expectProblem(
      await financeSession.post('/api/v1/api-tokens', {
        name: 'too much',
        scopes: ['accounts:read', 'roles:manage', 'nope:nope'],
      }),
      422,
    );
    expect(fieldNames(problem)).toEqual(['body.scopes.1', 'body.scopes.2']);
  });

  it('are refused outside /api/v1, when unknown, and once revoked', async () => {
    const { id, token } = await newToken(['accounts:read']);
    const call = bearer(token);
    expectProblem(await call('GET', '/api/auth/session'), 401);
    expectProblem(await bearer('bst_unknownunknownunknownunknownunknownunknown1')('GET', '/api/v1/accounts'), 401);
    expect((await financeSession.request('DELETE', `/api/v1/api-tokens/${id}`)).status).toBe(204);
    expectProblem(await call('GET', '/api/v1/accounts'), 401);
  });

  it("lose what their user loses: a token's permissions are its scopes that the user still holds", async () => {
    const admin = await adminSession();
    const me = await admin.get<{ organization: { id: string } }>('/api/auth/session');
    const user = await createUser(me.body.organization.id, ['finance'], 'tokens-demoted');
    const session = await Session.login(user.email, user.password);
    const { token } = await newToken(['accounts:read', 'transactions:read'], session);
    const account = await anActiveAccount();
    expect((await bearer(token)('GET', `/api/v1/accounts/${account.id}/transactions`)).status).toBe(200);
    const roles = await admin.get<{ data: { id: string; name: string }[] }>('/api/v1/roles');
    const custom = await admin.post<{ id: string }>('/api/v1/roles', {
      name: `accounts-only-${randomUUID().slice(0, 6)}`,
      permissions: ['accounts:read'],
    });
    expect(custom.status).toBe(201);
    expect(roles.status).toBe(200);
    const changed = await admin.request('PUT', `/api/v1/users/${user.id}/roles`, {
      body: { roleIds: [custom.body.id] },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await bearer(token)('GET', `/api/v1/accounts/${account.id}`)).status).toBe(200);
    expectProblem(await bearer(token)('GET', `/api/v1/accounts/${account.id}/transactions`), 403);
  });
});

// Finding 4 of the hardening review (issue 9).
describe('API token lifetime and reach', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;

  it('always expire: 90 days unless asked otherwise, never more than 366', async () => {
    const before = Date.now();
    const created = await financeSession.post<{ id: string; expiresAt: string }>('/api/v1/api-tokens', {
      name: 'default lifetime',
      scopes: ['accounts:read'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const expiresAt = Date.parse(created.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + API_TOKEN_DEFAULT_DAYS * DAY_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + API_TOKEN_DEFAULT_DAYS * DAY_MS);
    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.expiresAt.toISOString()).toBe(created.body.expiresAt);

    const chosen = await financeSession.post<{ expiresAt: string }>('/api/v1/api-tokens', {
      name: 'a week',
      scopes: ['accounts:read'],
      expiresInDays: 7,
    });
    expect(Date.parse(chosen.body.expiresAt)).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);

    const tooLong = await financeSession.post('/api/v1/api-tokens', {
      name: 'forever',
      scopes: ['accounts:read'],
      expiresInDays: API_TOKEN_MAX_DAYS + 1,
    });
    expect(fieldNames(expectProblem(tooLong, 422))).toEqual(['body.expiresInDays']);
  });

  it('are refused once expired', async () => {
    const { id, token } = await newToken(['accounts:read']);
    expect((await bearer(token)('GET', '/api/v1/accounts')).status).toBe(200);
    await db().apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expectProblem(await bearer(token)('GET', '/api/v1/accounts'), 401);
  });

  it('cannot create tokens: minting one needs a signed-in session', async () => {
    const { token } = await newToken(['api-tokens:manage', 'accounts:read']);
    const minted = await bearer(token)('POST', '/api/v1/api-tokens', { name: 'child', scopes: ['accounts:read'] });
    expect(expectProblem(minted, 403).detail).toContain('session');
    // The same token may still list the user's tokens: only creation is closed to it.
    expect((await bearer(token)('GET', '/api/v1/api-tokens')).status).toBe(200);
  });

  it('die with a password reset, together with every session of the user', async () => {
    const me = await (await adminSession()).get<{ organization: { id: string } }>('/api/auth/session');
    const user = await createUser(me.body.organization.id, ['finance'], 'tokens-reset');
    const session = await Session.login(user.email, user.password);
    const first = await newToken(['accounts:read'], session);
    const second = await newToken(['transactions:read'], session);
    expect((await bearer(first.token)('GET', '/api/v1/accounts')).status).toBe(200);

    expect((await new Session().post('/api/auth/password/forgot', { email: user.email })).status).toBe(202);
    const resetToken = await mailedToken(user.email, '/reset-password');
    const reset = await new Session().post('/api/auth/password/reset', {
      token: resetToken,
      password: 'after the reset 123',
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);

    expectProblem(await bearer(first.token)('GET', '/api/v1/accounts'), 401);
    expectProblem(await bearer(second.token)('GET', '/api/v1/transactions/00000000-0000-4000-8000-000000000000'), 401);
    expectProblem(await session.get('/api/auth/session'), 401);
    const rows = await db().apiToken.findMany({ where: { userId: user.id } });
    expect(rows.map((row) => row.revokedAt !== null)).toEqual([true, true]);
  });
});
