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
    readonly invoiceId: string;
    readonly planId: string;
    readonly subscriptionId: string;
    readonly paymentMethodId: string;
    readonly paymentId: string;
    /** A finished report of the caller's organization. */
    readonly reportId: string;
  };
  /** A fresh card of the caller's organization (for DELETE). */
  newPaymentMethod(): Promise<string>;
  /** A report of the other organization. */
  readonly foreignReportId: string;
  readonly foreign: ForeignOrganization;
  /** A user of the caller's organization whose roles may be changed. */
  readonly targetUser: FixtureUser;
  readonly viewerRoleId: string;
  /** A fresh user of the caller's organization (for deactivation). */
  newUser(): Promise<string>;
  /** A fresh custom role of the caller's organization (for PUT/DELETE). */
  newRole(): Promise<string>;
  /** A fresh invoice of the caller's organization (commands change its state). */
  newInvoice(status: 'draft' | 'open'): Promise<string>;
  /** A fresh API token of the caller, when the caller may create one. */
  newApiTokenOf(caller: Caller): Promise<string>;
  readonly masterData: MasterDataContext;
}

export type MasterDataResource = 'categories' | 'products' | 'configurations';

export interface MasterDataContext {
  readonly categoryId: string;
  readonly productId: string;
  /** A fresh category / product of the caller's organization (for PUT/DELETE). */
  newCategory(): Promise<{ id: string; updatedAt: string }>;
  newProduct(): Promise<{ id: string; updatedAt: string }>;
  /** Import jobs of the caller's organization and of the other one. */
  readonly importJobs: Record<MasterDataResource, string>;
  readonly foreignImportJobs: Record<MasterDataResource, string>;
  /** Makes sure a configuration key is set / unset in the caller's organization. */
  setConfiguration(key: string, value: unknown): Promise<void>;
  unsetConfiguration(key: string): Promise<void>;
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
const TODAY = new Date().toISOString().slice(0, 10);
const RANGE_BODY = { from: TODAY, to: TODAY };
const RANGE = `from=${TODAY}&to=${TODAY}`;

const productBody = () => ({
  sku: `MATRIX-${tag()}`,
  name: 'Matrix product',
  unitPrice: '1.00',
  currency: 'USD',
  taxCategory: 'standard',
});

/** Import, export and job routes of one master-data resource. */
function importCases(resource: MasterDataResource): Record<string, RouteCase> {
  return {
    [`GET /api/v1/${resource}/export`]: {
      own: () => ({ path: `/api/v1/${resource}/export?format=json`, expect: 200 }),
    },
    // An empty import: access granted, nothing changes.
    [`POST /api/v1/${resource}/import`]: { own: () => ({ path: `/api/v1/${resource}/import`, body: [], expect: 202 }) },
    [`GET /api/v1/${resource}/imports/:id`]: {
      own: (ctx) => ({ path: `/api/v1/${resource}/imports/${ctx.masterData.importJobs[resource]}`, expect: 200 }),
      foreign: (ctx) => ({ path: `/api/v1/${resource}/imports/${ctx.masterData.foreignImportJobs[resource]}` }),
    },
  };
}

const MASTER_DATA_CASES: Record<string, RouteCase> = {
  'GET /api/v1/categories': { own: () => ({ path: '/api/v1/categories', expect: 200 }) },
  'POST /api/v1/categories': {
    own: () => ({ path: '/api/v1/categories', body: { name: `Matrix ${tag()}` }, expect: 201 }),
  },
  'GET /api/v1/categories/:id': {
    own: (ctx) => ({ path: `/api/v1/categories/${ctx.masterData.categoryId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/categories/${ctx.foreign.categoryId}` }),
  },
  'PUT /api/v1/categories/:id': {
    own: async (ctx) => {
      const category = await ctx.masterData.newCategory();
      return {
        path: `/api/v1/categories/${category.id}`,
        body: { name: `Matrix ${tag()}`, updatedAt: category.updatedAt },
        expect: 200,
      };
    },
    foreign: (ctx) => ({
      path: `/api/v1/categories/${ctx.foreign.categoryId}`,
      body: { name: 'Hijacked', updatedAt: new Date().toISOString() },
    }),
  },
  'DELETE /api/v1/categories/:id': {
    own: async (ctx) => ({ path: `/api/v1/categories/${(await ctx.masterData.newCategory()).id}`, expect: 204 }),
    foreign: (ctx) => ({ path: `/api/v1/categories/${ctx.foreign.categoryId}` }),
  },
  ...importCases('categories'),
  'GET /api/v1/products': { own: () => ({ path: '/api/v1/products', expect: 200 }) },
  'POST /api/v1/products': { own: () => ({ path: '/api/v1/products', body: productBody(), expect: 201 }) },
  'GET /api/v1/products/:id': {
    own: (ctx) => ({ path: `/api/v1/products/${ctx.masterData.productId}`, expect: 200 }),
    foreign: (ctx) => ({ path: `/api/v1/products/${ctx.foreign.productId}` }),
  },
  'PUT /api/v1/products/:id': {
    own: async (ctx) => {
      const product = await ctx.masterData.newProduct();
      return {
        path: `/api/v1/products/${product.id}`,
        body: { ...productBody(), updatedAt: product.updatedAt },
        expect: 200,
      };
    },
    foreign: (ctx) => ({
      path: `/api/v1/products/${ctx.foreign.productId}`,
      body: { ...productBody(), updatedAt: new Date().toISOString() },
    }),
  },
  'DELETE /api/v1/products/:id': {
    own: async (ctx) => ({ path: `/api/v1/products/${(await ctx.masterData.newProduct()).id}`, expect: 204 }),
    foreign: (ctx) => ({ path: `/api/v1/products/${ctx.foreign.productId}` }),
  },
  ...importCases('products'),
  // Configurations are addressed by key inside the caller's organization: there is no foreign object to name.
  'GET /api/v1/configurations': { own: () => ({ path: '/api/v1/configurations', expect: 200 }) },
  'POST /api/v1/configurations': {
    own: async (ctx, caller) => {
      if (caller === 'admin') await ctx.masterData.unsetConfiguration('dunning_offsets_days');
      return { path: '/api/v1/configurations', body: { key: 'dunning_offsets_days', value: [-3, 0, 7] }, expect: 201 };
    },
  },
  'GET /api/v1/configurations/:key': { own: () => ({ path: '/api/v1/configurations/invoice_due_days', expect: 200 }) },
  'PUT /api/v1/configurations/:key': {
    own: () => ({
      path: '/api/v1/configurations/invoice_due_days',
      headers: { 'if-match': '*' },
      body: { value: 30 },
      expect: 200,
    }),
  },
  'DELETE /api/v1/configurations/:key': {
    own: async (ctx, caller) => {
      if (caller === 'admin') await ctx.masterData.setConfiguration('tax_rate.exempt', '0');
      return { path: '/api/v1/configurations/tax_rate.exempt', expect: 204 };
    },
  },
  ...importCases('configurations'),
};
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
  'GET /api/v1/webhook-endpoints': { own: () => ({ path: '/api/v1/webhook-endpoints', expect: 200 }) },
  'POST /api/v1/webhook-endpoints': {
    own: () => ({
      path: '/api/v1/webhook-endpoints',
      body: { url: `https://hooks.example.test/${tag()}`, eventTypes: ['invoice.paid'] },
      expect: 201,
    }),
  },
  // No endpoint fixture: a 404 for an unknown id proves access was granted (a refusal is 401/403).
  'GET /api/v1/webhook-endpoints/:id': {
    own: () => ({ path: `/api/v1/webhook-endpoints/${randomUUID()}`, expect: 404 }),
  },
  'PATCH /api/v1/webhook-endpoints/:id': {
    own: () => ({ path: `/api/v1/webhook-endpoints/${randomUUID()}`, body: { enabled: false }, expect: 404 }),
  },
  'DELETE /api/v1/webhook-endpoints/:id': {
    own: () => ({ path: `/api/v1/webhook-endpoints/${randomUUID()}`, expect: 404 }),
  },
  'GET /api/v1/webhook-endpoints/:id/deliveries': {
    own: () => ({ path: `/api/v1/webhook-endpoints/${randomUUID()}/deliveries`, expect: 404 }),
  },
  'POST /api/v1/webhook-endpoints/:id/deliveries/:deliveryId/resend': {
    own: () => ({ path: `/api/v1/webhook-endpoints/${randomUUID()}/deliveries/${randomUUID()}/resend`, expect: 404 }),
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
};
