import { randomUUID } from 'node:crypto';
import { idempotent, type MatrixContext, type RouteCase, tag } from './matrixContext';
import { CUSTOMER_CASES, WEBHOOK_ENDPOINT_CASES } from './matrixCustomerCases';
import { MASTER_DATA_CASES } from './matrixMasterDataCases';

const TODAY = new Date().toISOString().slice(0, 10);
const RANGE_BODY = { from: TODAY, to: TODAY };
const RANGE = `from=${TODAY}&to=${TODAY}`;
const usageEvent = (customer: string) => ({ transactionId: `matrix-${randomUUID()}`, customer, code: 'matrix_calls' });

const FREE_LINE = { description: 'matrix', quantity: '1', unitPrice: '1.00', taxCategory: 'standard' };

function invoiceRead(suffix: string): RouteCase {
  return {
    own: (ctx) => ({ path: `/api/v1/invoices/${ctx.own.invoiceId}${suffix}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/invoices/${ctx.foreign.invoiceId}${suffix}` }),
  };
}

/** A command on a fresh invoice of the caller's organization (202), or on another organization's (404). */
function invoiceCommand(command: string, status: 'draft' | 'open', body: object): RouteCase {
  return {
    own: async (ctx) => ({
      path: `/api/v1/invoices/${await ctx.newInvoice(status)}/${command}`,
      headers: idempotent(),
      body,
      expect: 202,
    }),
    foreign: (ctx) => ({ path: `/api/v1/invoices/${ctx.foreign.invoiceId}/${command}`, headers: idempotent(), body }),
  };
}

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
  'GET /api/v1/events': { own: () => ({ path: '/api/v1/events', expect: 200 }) },
  'GET /api/v1/accounts/:id/balance': {
    own: (ctx) => ({ path: `/api/v1/accounts/${ctx.own.accountId}/balance`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/accounts/${ctx.foreign.accountId}/balance` }),
  },
  'GET /api/v1/accounts/:id/holds': {
    own: (ctx) => ({ path: `/api/v1/accounts/${ctx.own.accountId}/holds`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/accounts/${ctx.foreign.accountId}/holds` }),
  },
  // A hold the ledger will refuse (more than any balance): access is proven without reserving money.
  'POST /api/v1/accounts/:id/holds': {
    own: (ctx) => ({
      path: `/api/v1/accounts/${ctx.own.accountId}/holds`,
      headers: idempotent(),
      body: { amount: '999999999999.00', currency: ctx.own.currency },
      expect: 202,
    }),
    foreign: (ctx) => ({
      path: `/api/v1/accounts/${ctx.foreign.accountId}/holds`,
      headers: idempotent(),
      body: { amount: '1.00', currency: 'USD' },
    }),
  },
  // Holds are read from the view: an unknown id is 404 for everyone allowed to ask, 403/401 for the rest.
  'GET /api/v1/holds/:id': { own: () => ({ path: `/api/v1/holds/${randomUUID()}`, expect: 404 }) },
  'POST /api/v1/holds/:id/capture': {
    own: () => ({ path: `/api/v1/holds/${randomUUID()}/capture`, headers: idempotent(), body: {}, expect: 404 }),
  },
  'POST /api/v1/holds/:id/void': {
    own: () => ({ path: `/api/v1/holds/${randomUUID()}/void`, headers: idempotent(), body: {}, expect: 404 }),
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
  'POST /api/v1/events': {
    own: (ctx) => ({ path: '/api/v1/events', body: usageEvent(ctx.own.accountId), expect: 202 }),
    foreign: (ctx) => ({ path: '/api/v1/events', body: usageEvent(ctx.foreign.accountId) }),
  },
  // Another organization's account is a rejected item of a 202, not a 404: no foreign cell.
  'POST /api/v1/events/batch': {
    own: (ctx) => ({ path: '/api/v1/events/batch', body: { events: [usageEvent(ctx.own.accountId)] }, expect: 202 }),
  },
  'GET /api/v1/transactions/:id': {
    own: (ctx) => ({ path: `/api/v1/transactions/${ctx.own.transactionId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/transactions/${ctx.foreign.transactionId}` }),
  },
  'GET /api/v1/invoices': { own: () => ({ path: '/api/v1/invoices', expect: 200 }) },
  'POST /api/v1/invoices': {
    own: (ctx) => ({
      path: '/api/v1/invoices',
      headers: idempotent(),
      body: { accountId: ctx.own.accountId, lines: [FREE_LINE], draft: true },
      expect: 202,
    }),
    foreign: (ctx) => ({
      path: '/api/v1/invoices',
      headers: idempotent(),
      body: { accountId: ctx.foreign.accountId, lines: [FREE_LINE] },
    }),
  },
  'GET /api/v1/invoices/catalog': { own: () => ({ path: '/api/v1/invoices/catalog', expect: 200 }) },
  'GET /api/v1/invoices/:id': invoiceRead(''),
  'GET /api/v1/invoices/:id/document': invoiceRead('/document'),
  'GET /api/v1/invoices/:id/pdf': invoiceRead('/pdf'),
  'POST /api/v1/invoices/:id/issue': invoiceCommand('issue', 'draft', {}),
  'POST /api/v1/invoices/:id/void': invoiceCommand('void', 'open', { reason: 'matrix' }),
  'POST /api/v1/invoices/:id/uncollectible': invoiceCommand('uncollectible', 'open', {}),
  'POST /api/v1/invoices/:id/credit-notes': invoiceCommand('credit-notes', 'open', {
    amount: '1.00',
    reason: 'matrix',
  }),
  'POST /api/v1/invoices/:id/payments': invoiceCommand('payments', 'open', { amount: '1.00' }),
  'GET /api/v1/test-clock': { own: () => ({ path: '/api/v1/test-clock', expect: 200 }) },
  // Probed with a body that cannot move the clock: a 422 proves access without changing the organization's clock.
  'POST /api/v1/test-clock/advance': {
    own: () => ({ path: '/api/v1/test-clock/advance', headers: idempotent(), body: { days: 0 }, expect: 422 }),
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
  'POST /api/v1/users': {
    own: (ctx) => ({
      path: '/api/v1/users',
      body: { email: `matrix-invite-${tag()}@fixtures.test`, roleIds: [ctx.viewerRoleId] },
      expect: 201,
    }),
  },
  'GET /api/v1/users/:id': {
    own: (ctx) => ({ path: `/api/v1/users/${ctx.targetUser.id}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/users/${ctx.foreign.admin.id}` }),
  },
  'POST /api/v1/users/:id/deactivate': {
    own: async (ctx) => ({ path: `/api/v1/users/${await ctx.newUser()}/deactivate`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/users/${ctx.foreign.admin.id}/deactivate` }),
  },
  'POST /api/v1/users/:id/reactivate': {
    own: (ctx) => ({ path: `/api/v1/users/${ctx.targetUser.id}/reactivate`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/users/${ctx.foreign.admin.id}/reactivate` }),
  },
  'GET /api/v1/users/:id/activity': {
    own: (ctx) => ({ path: `/api/v1/users/${ctx.targetUser.id}/activity`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/users/${ctx.foreign.admin.id}/activity` }),
  },
  'GET /api/v1/activity': { own: () => ({ path: '/api/v1/activity', expect: 200 }) },
  'GET /api/v1/me': { own: () => ({ path: '/api/v1/me', expect: 200 }) },
  'PATCH /api/v1/me': { own: () => ({ path: '/api/v1/me', body: { timezone: 'Europe/Berlin' }, expect: 200 }) },
  // A valid body would mail a link; a 422 proves access was granted and nothing happened.
  'POST /api/v1/me/email': { own: () => ({ path: '/api/v1/me/email', body: {}, expect: 422 }) },
  'GET /api/v1/outbox': { own: () => ({ path: '/api/v1/outbox', expect: 200 }) },
  'GET /api/v1/analytics/revenue': { own: () => ({ path: `/api/v1/analytics/revenue?${RANGE}`, expect: 200 }) },
  'GET /api/v1/analytics/transactions': { own: () => ({ path: '/api/v1/analytics/transactions', expect: 200 }) },
  'GET /api/v1/analytics/payments': { own: () => ({ path: `/api/v1/analytics/payments?${RANGE}`, expect: 200 }) },
  'GET /api/v1/analytics/aging': { own: () => ({ path: '/api/v1/analytics/aging', expect: 200 }) },
  'GET /api/v1/analytics/top': { own: () => ({ path: `/api/v1/analytics/top?${RANGE}`, expect: 200 }) },
  'GET /api/v1/reports': { own: () => ({ path: '/api/v1/reports', expect: 200 }) },
  'POST /api/v1/reports': {
    own: () => ({ path: '/api/v1/reports', body: { kind: 'tax_summary', ...RANGE_BODY }, expect: 202 }),
    foreign: (ctx) => ({
      path: '/api/v1/reports',
      body: { kind: 'account_statement', accountId: ctx.foreign.accountId, ...RANGE_BODY },
    }),
  },
  'GET /api/v1/reports/:id': {
    own: (ctx) => ({ path: `/api/v1/reports/${ctx.own.reportId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/reports/${ctx.foreignReportId}` }),
  },
  'GET /api/v1/reports/:id/download': {
    own: (ctx) => ({ path: `/api/v1/reports/${ctx.own.reportId}/download`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/reports/${ctx.foreignReportId}/download` }),
  },
  'GET /api/v1/monitoring/processors': { own: () => ({ path: '/api/v1/monitoring/processors', expect: 200 }) },
  ...MASTER_DATA_CASES,
  ...CUSTOMER_CASES,
  ...WEBHOOK_ENDPOINT_CASES,
};
