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
    readonly paymentMethodId: string;
    readonly paymentId: string;
  };
  /** A fresh card of the caller's organization (for DELETE). */
  newPaymentMethod(): Promise<string>;
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
  'GET /api/v1/payment-methods': {
    own: (ctx) => ({ path: `/api/v1/payment-methods?accountId=${ctx.own.accountId}`, expect: 200 }),
  },
  'POST /api/v1/payment-methods': {
    own: (ctx) => ({
      path: '/api/v1/payment-methods',
      body: {
        accountId: ctx.own.accountId,
        method: { type: 'card', number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
      },
      expect: 201,
    }),
    foreign: (ctx) => ({
      path: '/api/v1/payment-methods',
      body: {
        accountId: ctx.foreign.accountId,
        method: { type: 'card', number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
      },
    }),
  },
  'POST /api/v1/payment-methods/:id/default': {
    own: (ctx) => ({ path: `/api/v1/payment-methods/${ctx.own.paymentMethodId}/default`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/payment-methods/${ctx.foreign.paymentMethodId}/default` }),
  },
  'DELETE /api/v1/payment-methods/:id': {
    own: async (ctx) => ({ path: `/api/v1/payment-methods/${await ctx.newPaymentMethod()}`, expect: 204 }),
    foreign: (ctx) => ({ path: `/api/v1/payment-methods/${ctx.foreign.paymentMethodId}` }),
  },
  'GET /api/v1/payments': { own: () => ({ path: '/api/v1/payments', expect: 200 }) },
  'POST /api/v1/payments': {
    own: (ctx) => ({
      path: '/api/v1/payments',
      headers: idempotent(),
      body: { accountId: ctx.own.accountId, amount: '1.00', currency: ctx.own.currency },
      expect: 202,
    }),
    foreign: (ctx) => ({
      path: '/api/v1/payments',
      headers: idempotent(),
      body: { accountId: ctx.foreign.accountId, amount: '1.00', currency: 'USD' },
    }),
  },
  'GET /api/v1/payments/:id': {
    own: (ctx) => ({ path: `/api/v1/payments/${ctx.own.paymentId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/payments/${ctx.foreign.paymentId}` }),
  },
  'POST /api/v1/payments/:id/confirm': {
    own: (ctx) => ({ path: `/api/v1/payments/${ctx.own.paymentId}/confirm`, body: {}, expect: 202 }),
    foreign: (ctx) => ({ path: `/api/v1/payments/${ctx.foreign.paymentId}/confirm`, body: {} }),
  },
  'POST /api/v1/payments/:id/capture': {
    own: (ctx) => ({ path: `/api/v1/payments/${ctx.own.paymentId}/capture`, body: {}, expect: 202 }),
    foreign: (ctx) => ({ path: `/api/v1/payments/${ctx.foreign.paymentId}/capture`, body: {} }),
  },
  'POST /api/v1/payments/:id/cancel': {
    own: (ctx) => ({ path: `/api/v1/payments/${ctx.own.paymentId}/cancel`, body: {}, expect: 202 }),
    foreign: (ctx) => ({ path: `/api/v1/payments/${ctx.foreign.paymentId}/cancel`, body: {} }),
  },
  'POST /api/v1/payments/:id/action': {
    own: (ctx) => ({ path: `/api/v1/payments/${ctx.own.paymentId}/action`, body: { passed: true }, expect: 202 }),
    foreign: (ctx) => ({ path: `/api/v1/payments/${ctx.foreign.paymentId}/action`, body: { passed: true } }),
  },
  'POST /api/v1/payments/:id/refunds': {
    // Access granted shows as 422 or 404: the matrix payment never succeeds, so nothing is refunded.
    own: (ctx) => ({
      path: `/api/v1/payments/${ctx.own.paymentId}/refunds`,
      headers: idempotent(),
      body: {},
      expect: 422,
    }),
    foreign: (ctx) => ({ path: `/api/v1/payments/${ctx.foreign.paymentId}/refunds`, headers: idempotent(), body: {} }),
  },
  'GET /api/v1/payment-gateways': { own: () => ({ path: '/api/v1/payment-gateways', expect: 200 }) },
  // Public: an unsigned delivery is refused by the signature check (400), not by access control.
  'POST /api/v1/webhooks/:gateway': {
    own: () => ({ path: '/api/v1/webhooks/bank', body: { id: 'evt_matrix' }, expect: 400 }),
  },
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
