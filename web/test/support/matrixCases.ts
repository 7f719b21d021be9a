import { randomUUID } from 'node:crypto';
import type { BuiltinRoleName } from '@billstream/db/permissions';
import type { FixtureUser, ForeignOrganization } from './fixtures';

/** Who calls in a matrix cell. */
export type Caller = 'anonymous' | BuiltinRoleName;

export interface MatrixContext {
  readonly own: {
    readonly accountId: string;
    readonly currency: string;
    readonly transactionId: string;
    readonly planId: string;
    readonly subscriptionId: string;
  };
  readonly foreign: ForeignOrganization;
  /** A user of the caller's organization whose roles may be changed. */
  readonly targetUser: FixtureUser;
  readonly viewerRoleId: string;
  /** A fresh custom role of the caller's organization (for PUT/DELETE). */
  newRole(): Promise<string>;
  /** A fresh API token of the caller, when the caller may create one. */
  newApiTokenOf(caller: Caller): Promise<string>;
}

export interface CellRequest {
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The handler's answer when access is granted. */
  readonly expect: number;
  /** Use a second, fresh session of another user with the same role (the request ends sessions). */
  readonly spareSession?: boolean;
}

export interface RouteCase {
  own(ctx: MatrixContext, caller: Caller): Promise<CellRequest> | CellRequest;
  /** The same request aimed at an object of another organization: 404 when access is granted. */
  foreign?(ctx: MatrixContext): Omit<CellRequest, 'expect'>;
}

const tag = () => randomUUID().slice(0, 8);
const idempotent = () => ({ 'idempotency-key': randomUUID() });

const PLAN_BODY = {
  code: 'MATRIX',
  name: 'Matrix plan',
  price: '10.00',
  trialDays: 0,
  taxCategory: 'standard',
  active: true,
};

/** A subscription command route: 202 on the own subscription (the processor decides later), 404 on a foreign one. */
function subscriptionAction(action: string, body: (ctx: MatrixContext) => object): Record<string, RouteCase> {
  return {
    [`POST /api/v1/subscriptions/:id/${action}`]: {
      own: (ctx) => ({
        path: `/api/v1/subscriptions/${ctx.own.subscriptionId}/${action}`,
        headers: idempotent(),
        body: body(ctx),
        expect: 202,
      }),
      foreign: (ctx) => ({
        path: `/api/v1/subscriptions/${ctx.foreign.subscriptionId}/${action}`,
        headers: idempotent(),
        body: body(ctx),
      }),
    },
  };
}

/**
 * One request per route of the route map. A route missing here fails the
 * matrix test, so a new route cannot ship without its row. Routes whose
 * success would have side effects on the caller's session use a spare
 * session; public routes with mailed side effects are probed with an invalid
 * body (a 422 proves access was granted and nothing happened).
 */
export const ROUTE_CASES: Record<string, RouteCase> = {
  'GET /api/v1/health': { own: () => ({ path: '/api/v1/health', expect: 200 }) },
  'GET /api/v1/openapi.json': { own: () => ({ path: '/api/v1/openapi.json', expect: 200 }) },
  'POST /api/auth/login': { own: () => ({ path: '/api/auth/login', body: {}, expect: 422 }) },
  'POST /api/auth/refresh': {
    own: (_ctx, caller) => ({ path: '/api/auth/refresh', expect: caller === 'anonymous' ? 401 : 200 }),
  },
  'POST /api/auth/logout': { own: () => ({ path: '/api/auth/logout', expect: 204, spareSession: true }) },
  'POST /api/auth/register': { own: () => ({ path: '/api/auth/register', body: {}, expect: 422 }) },
  'POST /api/auth/verify-email': { own: () => ({ path: '/api/auth/verify-email', body: {}, expect: 422 }) },
  'POST /api/auth/password/forgot': { own: () => ({ path: '/api/auth/password/forgot', body: {}, expect: 422 }) },
  'POST /api/auth/password/reset': { own: () => ({ path: '/api/auth/password/reset', body: {}, expect: 422 }) },
  'GET /api/auth/session': { own: () => ({ path: '/api/auth/session', expect: 200 }) },
  'POST /api/auth/logout-all': { own: () => ({ path: '/api/auth/logout-all', expect: 200, spareSession: true }) },
  'POST /api/auth/password/change': {
    own: () => ({ path: '/api/auth/password/change', body: { currentPassword: 'x', newPassword: 'y' }, expect: 422 }),
  },
  'GET /api/v1/accounts': { own: () => ({ path: '/api/v1/accounts', expect: 200 }) },
  'GET /api/v1/accounts/:id': {
    own: (ctx) => ({ path: `/api/v1/accounts/${ctx.own.accountId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/accounts/${ctx.foreign.accountId}` }),
  },
  'GET /api/v1/accounts/:id/transactions': {
    own: (ctx) => ({ path: `/api/v1/accounts/${ctx.own.accountId}/transactions`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/accounts/${ctx.foreign.accountId}/transactions` }),
  },
  'POST /api/v1/transactions': {
    own: (ctx) => ({
      path: '/api/v1/transactions',
      headers: idempotent(),
      body: { accountId: ctx.own.accountId, type: 'credit', amount: '1.00', currency: ctx.own.currency },
      expect: 202,
    }),
    foreign: (ctx) => ({
      path: '/api/v1/transactions',
      headers: idempotent(),
      body: { accountId: ctx.foreign.accountId, type: 'credit', amount: '1.00', currency: 'USD' },
    }),
  },
  'GET /api/v1/transactions/:id': {
    own: (ctx) => ({ path: `/api/v1/transactions/${ctx.own.transactionId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/transactions/${ctx.foreign.transactionId}` }),
  },
  'GET /api/v1/plans': { own: () => ({ path: '/api/v1/plans', expect: 200 }) },
  'POST /api/v1/plans': {
    own: () => ({
      path: '/api/v1/plans',
      headers: idempotent(),
      body: { ...PLAN_BODY, code: `M-${tag()}`, currency: 'USD', interval: 'month' },
      expect: 202,
    }),
  },
  'GET /api/v1/plans/:id': {
    own: (ctx) => ({ path: `/api/v1/plans/${ctx.own.planId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/plans/${ctx.foreign.planId}` }),
  },
  'PUT /api/v1/plans/:id': {
    own: (ctx) => ({ path: `/api/v1/plans/${ctx.own.planId}`, headers: idempotent(), body: PLAN_BODY, expect: 202 }),
    foreign: (ctx) => ({ path: `/api/v1/plans/${ctx.foreign.planId}`, headers: idempotent(), body: PLAN_BODY }),
  },
  'GET /api/v1/subscriptions': { own: () => ({ path: '/api/v1/subscriptions', expect: 200 }) },
  'POST /api/v1/subscriptions': {
    own: (ctx) => ({
      path: '/api/v1/subscriptions',
      headers: idempotent(),
      body: { accountId: ctx.own.accountId, planId: ctx.own.planId },
      expect: 202,
    }),
    foreign: (ctx) => ({
      path: '/api/v1/subscriptions',
      headers: idempotent(),
      body: { accountId: ctx.foreign.accountId, planId: ctx.foreign.planId },
    }),
  },
  'GET /api/v1/subscriptions/:id': {
    own: (ctx) => ({ path: `/api/v1/subscriptions/${ctx.own.subscriptionId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/subscriptions/${ctx.foreign.subscriptionId}` }),
  },
  ...subscriptionAction('change-plan', (ctx) => ({ planId: ctx.own.planId })),
  ...subscriptionAction('pause', () => ({})),
  ...subscriptionAction('resume', () => ({})),
  ...subscriptionAction('cancel', () => ({ atPeriodEnd: true })),
  'GET /api/v1/api-tokens': { own: () => ({ path: '/api/v1/api-tokens', expect: 200 }) },
  'POST /api/v1/api-tokens': {
    own: () => ({
      path: '/api/v1/api-tokens',
      body: { name: `matrix ${tag()}`, scopes: ['accounts:read'] },
      expect: 201,
    }),
  },
  'DELETE /api/v1/api-tokens/:id': {
    own: async (ctx, caller) => ({ path: `/api/v1/api-tokens/${await ctx.newApiTokenOf(caller)}`, expect: 204 }),
    foreign: (ctx) => ({ path: `/api/v1/api-tokens/${ctx.foreign.apiTokenId}` }),
  },
  'GET /api/v1/permissions': { own: () => ({ path: '/api/v1/permissions', expect: 200 }) },
  'GET /api/v1/roles': { own: () => ({ path: '/api/v1/roles', expect: 200 }) },
  'POST /api/v1/roles': {
    own: () => ({
      path: '/api/v1/roles',
      body: { name: `matrix-${tag()}`, permissions: ['accounts:read'] },
      expect: 201,
    }),
  },
  'PUT /api/v1/roles/:id': {
    own: async (ctx) => ({
      path: `/api/v1/roles/${await ctx.newRole()}`,
      body: { name: `matrix-${tag()}`, permissions: ['accounts:read', 'transactions:read'] },
      expect: 200,
    }),
    foreign: (ctx) => ({
      path: `/api/v1/roles/${ctx.foreign.roleId}`,
      body: { name: `matrix-${tag()}`, permissions: ['accounts:read'] },
    }),
  },
  'DELETE /api/v1/roles/:id': {
    own: async (ctx) => ({ path: `/api/v1/roles/${await ctx.newRole()}`, expect: 204 }),
    foreign: (ctx) => ({ path: `/api/v1/roles/${ctx.foreign.roleId}` }),
  },
  'GET /api/v1/users': { own: () => ({ path: '/api/v1/users', expect: 200 }) },
  'PUT /api/v1/users/:id/roles': {
    own: (ctx) => ({
      path: `/api/v1/users/${ctx.targetUser.id}/roles`,
      body: { roleIds: [ctx.viewerRoleId] },
      expect: 200,
    }),
    foreign: (ctx) => ({ path: `/api/v1/users/${ctx.foreign.admin.id}/roles`, body: { roleIds: [ctx.viewerRoleId] } }),
  },
  'GET /api/v1/activity': { own: () => ({ path: '/api/v1/activity', expect: 200 }) },
  'GET /api/v1/outbox': { own: () => ({ path: '/api/v1/outbox', expect: 200 }) },
};
