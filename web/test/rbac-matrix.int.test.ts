// The RBAC matrix, generated from the route map (shared/auth/apiRoutes.ts)
// and the permission table (@billstream/contracts): every route, called
// by every built-in role and anonymously, must answer what the table says;
// routes taking an object id are also called with another organization's
// object, which must be 404 for whoever may call the route at all.
import { randomUUID } from 'node:crypto';
import { BUILTIN_ROLE_NAMES, BUILTIN_ROLES, permissionsOf } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type ApiRoute } from '../shared/auth/apiRoutes';
import { anActiveAccount, postTransaction } from './support/api';
import {
  closeFixtures,
  createCustomRole,
  createForeignOrganization,
  createOwnAccount,
  createSubscriptionRows,
  createUser,
  createViewInvoice,
  type FixtureUser,
} from './support/fixtures';
import { masterDataContext } from './support/masterData';
import { ROUTE_CASES } from './support/matrixCases';
import type { Caller, CellRequest, MatrixContext } from './support/matrixContext';
import { expectProblem } from './support/problem';
import { adminSession, bearer, Session } from './support/session';

const CALLERS: readonly Caller[] = ['anonymous', ...BUILTIN_ROLE_NAMES];
const ROUTES = API_ROUTES.filter((route) => !route.module);
const keyOf = (route: ApiRoute) => `${route.method} ${route.path}`;
/** Routes an API token may never call, whatever its scopes: the session routes and token creation. */
const SESSION_ONLY_ROUTES = ROUTES.filter(
  (route) => route.access.kind === 'session' || (route.access.kind === 'permission' && route.access.sessionOnly),
);

/** What the table says a caller gets: the handler's answer ("granted"), 401 or 403. */
function expectedAccess(route: ApiRoute, caller: Caller): 'granted' | 401 | 403 {
  const { access } = route;
  if (access.kind === 'public') return 'granted';
  if (caller === 'anonymous') return 401;
  if (access.kind === 'session') return 'granted';
  return permissionsOf(caller).includes(access.permission) ? 'granted' : 403;
}

const users = new Map<Caller, { main: FixtureUser; spare: FixtureUser }>();
const sessions = new Map<Caller, Session>();
let ctx: MatrixContext;
/** An API token of an admin scoped to every permission the admin holds. */
let adminToken: string;

async function sessionFor(caller: Caller, request: Omit<CellRequest, 'expect'>): Promise<Session> {
  if (caller === 'anonymous') return new Session();
  const pair = users.get(caller)!;
  if (request.spareSession) return Session.login(pair.spare.email, pair.spare.password);
  return sessions.get(caller)!;
}

async function send(caller: Caller, route: ApiRoute, request: Omit<CellRequest, 'expect'>) {
  const session = await sessionFor(caller, request);
  return session.request(route.method, request.path, { body: request.body, headers: request.headers });
}

/** A tax summary of today, run by `session` and waited for. */
async function finishedReport(session: Session): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const created = await session.post<{ id: string }>('/api/v1/reports', {
    kind: 'tax_summary',
    from: today,
    to: today,
  });
  if (created.status !== 202) throw new Error(`POST /api/v1/reports answered ${created.status}`);
  for (let attempt = 0; attempt < REPORT_WAIT_ATTEMPTS_MAX; attempt++) {
    const report = await session.get<{ status: string }>(`/api/v1/reports/${created.body.id}`);
    if (report.body.status === 'done') return created.body.id;
    if (report.body.status === 'failed') throw new Error(`report failed: ${JSON.stringify(report.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the report never finished');
}
const REPORT_WAIT_ATTEMPTS_MAX = 300;

beforeAll(async () => {
  const admin = await adminSession();
  const me = await admin.get<{ organization: { id: string } }>('/api/auth/session');
  const organizationId = me.body.organization.id;
  const token = await admin.post<{ token: string }>('/api/v1/api-tokens', {
    name: 'matrix admin token',
    scopes: permissionsOf('admin'),
  });
  if (token.status !== 201) throw new Error(`POST /api/v1/api-tokens answered ${token.status}`);
  adminToken = token.body.token;
  for (const role of BUILTIN_ROLE_NAMES) {
    const main = await createUser(organizationId, [role], `matrix-${role}`);
    const spare = await createUser(organizationId, [role], `matrix-${role}-spare`);
    users.set(role, { main, spare });
    sessions.set(role, await Session.login(main.email, main.password));
  }
  const account = await anActiveAccount();
  const posted = await postTransaction<{ id: string }>({
    accountId: account.id,
    type: 'credit',
    amount: '1.00',
    currency: account.currency,
    description: 'int: rbac matrix',
  });
  const foreign = await createForeignOrganization();
  const payer = await createOwnAccount();
  const newPaymentMethod = async () => {
    const card = { type: 'card', number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };
    return (await admin.post<{ id: string }>('/api/v1/payment-methods', { accountId: payer.id, method: card })).body.id;
  };
  // The payment first, on an account of its own: with no payment method yet (other test files add
  // cards to the seeded accounts) it waits for one, is never captured, and the refund cell's 422
  // cannot race the gateway.
  const payment = await admin.post<{ id: string }>(
    '/api/v1/payments',
    { accountId: payer.id, amount: '1.00', currency: 'USD' },
    { headers: { 'idempotency-key': randomUUID() } },
  );
  const paymentMethodId = await newPaymentMethod();
  ctx = {
    masterData: await masterDataContext(admin, await Session.login(foreign.admin.email, foreign.admin.password)),
    own: {
      accountId: account.id,
      currency: account.currency,
      transactionId: posted.body.id,
      invoiceId: (await createViewInvoice(organizationId, account.id, 'open', account.currency)).id,
      ...(await createSubscriptionRows(organizationId, account.id, account.currency)),
      paymentMethodId,
      paymentId: payment.body.id,
      reportId: await finishedReport(admin),
    },
    foreignReportId: await finishedReport(await Session.login(foreign.admin.email, foreign.admin.password)),
    newInvoice: async (status) => (await createViewInvoice(organizationId, account.id, status, account.currency)).id,
    newPaymentMethod,
    foreign,
    targetUser: await createUser(organizationId, ['viewer'], 'matrix-target'),
    viewerRoleId: BUILTIN_ROLES.find((role) => role.name === 'viewer')!.id,
    newUser: async () => (await createUser(organizationId, ['viewer'], 'matrix-doomed')).id,
    newRole: async () => (await createCustomRole(organizationId, ['accounts:read'], 'matrix')).id,
    newApiTokenOf: async (caller) => {
      if (caller === 'anonymous' || !permissionsOf(caller).includes('api-tokens:manage')) return randomUUID();
      const created = await sessions.get(caller)!.post<{ id: string }>('/api/v1/api-tokens', {
        name: 'matrix doomed',
        scopes: ['accounts:read'],
      });
      return created.body.id;
    },
  };
});

afterAll(async () => {
  await closeFixtures();
});

describe('RBAC matrix', () => {
  it('has a request for every route of the route map, and no stale ones', () => {
    expect(Object.keys(ROUTE_CASES).sort()).toEqual(ROUTES.map(keyOf).sort());
  });

  for (const route of ROUTES) {
    const routeCase = ROUTE_CASES[keyOf(route)];
    describe(keyOf(route), () => {
      for (const caller of CALLERS) {
        const wanted = expectedAccess(route, caller);
        it(`${caller}: ${wanted === 'granted' ? 'granted' : wanted}`, async () => {
          if (!routeCase) throw new Error(`no matrix request for ${keyOf(route)}`);
          const request = await routeCase.own(ctx, caller);
          const response = await send(caller, route, request);
          expect(response.status, JSON.stringify(response.body)).toBe(wanted === 'granted' ? request.expect : wanted);
        });
        if (!routeCase?.foreign) continue;
        it(`${caller} on another organization's object: ${wanted === 'granted' ? 404 : wanted}`, async () => {
          const response = await send(caller, route, routeCase.foreign!(ctx));
          expect(response.status, JSON.stringify(response.body)).toBe(wanted === 'granted' ? 404 : wanted);
        });
      }
    });
  }
});

describe('RBAC matrix: API tokens on session-only routes', () => {
  it('covers token creation and every session route', () => {
    expect(SESSION_ONLY_ROUTES.map(keyOf)).toContain('POST /api/v1/api-tokens');
  });

  for (const route of SESSION_ONLY_ROUTES) {
    // Outside /api/v1 a token does not even authenticate (401); inside, the route map refuses it (403).
    const wanted = route.path.startsWith('/api/v1/') ? 403 : 401;
    it(`${keyOf(route)}: ${wanted} for an admin's API token holding every scope`, async () => {
      const request = await ROUTE_CASES[keyOf(route)]!.own(ctx, 'admin');
      const response = await bearer(adminToken)(route.method, request.path, request.body, request.headers);
      const problem = expectProblem(response, wanted);
      if (wanted === 403) expect(problem.detail).toContain('session');
    });
  }
});
