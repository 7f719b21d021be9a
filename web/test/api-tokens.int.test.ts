import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anActiveAccount } from './support/api';
import { closeFixtures, createUser, type FixtureUser } from './support/fixtures';
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
