import type { PermissionKey } from '@billstream/contracts';

/**
 * The route -> permission map: the one place that says who may call which
 * /api route. server/middleware/03.authorize.ts enforces it before any
 * handler runs, and a request matching no entry is refused (deny by
 * default). A unit test proves every route file has exactly one entry; the
 * RBAC matrix integration test is generated from this list and the
 * permission table (@billstream/contracts).
 */
export type RouteAccess =
  /** Anyone, signed in or not. */
  | { readonly kind: 'public' }
  /** A signed-in browser session (API tokens are not sessions). */
  | { readonly kind: 'session' }
  /**
   * A session or an API token whose user (and scopes) hold the permission;
   * with `sessionOnly`, a signed-in browser session only (an API token may
   * not mint further tokens that outlive its own revocation).
   */
  | { readonly kind: 'permission'; readonly permission: PermissionKey; readonly sessionOnly?: true };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  readonly method: HttpMethod;
  /** `:name` matches one path segment, a trailing `**` the rest. */
  readonly path: string;
  readonly access: RouteAccess;
  /**
   * State-changing requests made with a cookie session must echo the CSRF
   * token (X-CSRF-Token). Off only for routes that act on no existing session
   * (sign-in, sign-up, mailed links); they accept JSON only, which a
   * cross-site form cannot send.
   */
  readonly csrf?: false;
  /** Routes served by a Nuxt module rather than a file in server/api. */
  readonly module?: string;
}

const PUBLIC = { kind: 'public' } as const;
const SESSION = { kind: 'session' } as const;
const need = (permission: PermissionKey) => ({ kind: 'permission', permission }) as const;
const needInSession = (permission: PermissionKey) => ({ kind: 'permission', permission, sessionOnly: true }) as const;

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/v1/health', access: PUBLIC },
  { method: 'GET', path: '/api/v1/openapi.json', access: PUBLIC },
  { method: 'GET', path: '/api/_nuxt_icon/**', access: PUBLIC, module: '@nuxt/icon' },

  { method: 'POST', path: '/api/auth/login', access: PUBLIC, csrf: false },
  { method: 'POST', path: '/api/auth/refresh', access: PUBLIC, csrf: false },
  { method: 'POST', path: '/api/auth/logout', access: PUBLIC },
  { method: 'POST', path: '/api/auth/register', access: PUBLIC, csrf: false },
  { method: 'POST', path: '/api/auth/verify-email', access: PUBLIC, csrf: false },
  { method: 'POST', path: '/api/auth/password/forgot', access: PUBLIC, csrf: false },
  { method: 'POST', path: '/api/auth/password/reset', access: PUBLIC, csrf: false },
  { method: 'GET', path: '/api/auth/session', access: SESSION },
  { method: 'POST', path: '/api/auth/logout-all', access: SESSION },
  { method: 'POST', path: '/api/auth/password/change', access: SESSION },

  { method: 'GET', path: '/api/v1/events', access: need('accounts:read') },
  { method: 'POST', path: '/api/v1/events', access: need('usage:write') },
  { method: 'POST', path: '/api/v1/events/batch', access: need('usage:write') },
  { method: 'GET', path: '/api/v1/accounts', access: need('accounts:read') },
  { method: 'POST', path: '/api/v1/accounts', access: need('accounts:write') },
  { method: 'POST', path: '/api/v1/accounts/import', access: need('accounts:write') },
  { method: 'GET', path: '/api/v1/accounts/:id', access: need('accounts:read') },
  { method: 'PATCH', path: '/api/v1/accounts/:id', access: need('accounts:write') },
  { method: 'POST', path: '/api/v1/accounts/:id/freeze', access: need('accounts:write') },
  { method: 'POST', path: '/api/v1/accounts/:id/close', access: need('accounts:write') },
  { method: 'POST', path: '/api/v1/accounts/:id/reopen', access: need('accounts:write') },
  { method: 'GET', path: '/api/v1/accounts/:id/transactions', access: need('transactions:read') },
  { method: 'GET', path: '/api/v1/accounts/:id/balance', access: need('accounts:read') },
  { method: 'GET', path: '/api/v1/accounts/:id/holds', access: need('transactions:read') },
  { method: 'POST', path: '/api/v1/accounts/:id/holds', access: need('transactions:create') },
  { method: 'GET', path: '/api/v1/holds/:id', access: need('transactions:read') },
  { method: 'POST', path: '/api/v1/holds/:id/capture', access: need('transactions:create') },
  { method: 'POST', path: '/api/v1/holds/:id/void', access: need('transactions:create') },
  { method: 'POST', path: '/api/v1/transactions', access: need('transactions:create') },
  { method: 'GET', path: '/api/v1/transactions/:id', access: need('transactions:read') },

  { method: 'GET', path: '/api/v1/categories', access: need('master-data:read') },
  { method: 'POST', path: '/api/v1/categories', access: need('master-data:write') },
  // Static segments before `:id`: the first matching entry wins.
  { method: 'GET', path: '/api/v1/categories/export', access: need('master-data:read') },
  { method: 'POST', path: '/api/v1/categories/import', access: need('master-data:write') },
  { method: 'GET', path: '/api/v1/categories/imports/:id', access: need('master-data:write') },
  { method: 'GET', path: '/api/v1/categories/:id', access: need('master-data:read') },
  { method: 'PUT', path: '/api/v1/categories/:id', access: need('master-data:write') },
  { method: 'DELETE', path: '/api/v1/categories/:id', access: need('master-data:write') },

  { method: 'GET', path: '/api/v1/products', access: need('master-data:read') },
  { method: 'POST', path: '/api/v1/products', access: need('master-data:write') },
  // Static segments before `:id`: the first matching entry wins.
  { method: 'GET', path: '/api/v1/products/export', access: need('master-data:read') },
  { method: 'POST', path: '/api/v1/products/import', access: need('master-data:write') },
  { method: 'GET', path: '/api/v1/products/imports/:id', access: need('master-data:write') },
  { method: 'GET', path: '/api/v1/products/:id', access: need('master-data:read') },
  { method: 'PUT', path: '/api/v1/products/:id', access: need('master-data:write') },
  { method: 'DELETE', path: '/api/v1/products/:id', access: need('master-data:write') },

  { method: 'GET', path: '/api/v1/configurations', access: need('settings:read') },
  { method: 'POST', path: '/api/v1/configurations', access: need('settings:write') },
  // Static segments before `:key`: the first matching entry wins.
  { method: 'GET', path: '/api/v1/configurations/export', access: need('settings:read') },
  { method: 'POST', path: '/api/v1/configurations/import', access: need('settings:write') },
  { method: 'GET', path: '/api/v1/configurations/imports/:id', access: need('settings:write') },
  { method: 'GET', path: '/api/v1/configurations/:key', access: need('settings:read') },
  { method: 'PUT', path: '/api/v1/configurations/:key', access: need('settings:write') },
  { method: 'DELETE', path: '/api/v1/configurations/:key', access: need('settings:write') },
  { method: 'GET', path: '/api/v1/invoices', access: need('invoices:read') },
  { method: 'POST', path: '/api/v1/invoices', access: need('invoices:create') },
  // Before /invoices/:id: the first matching entry wins.
  { method: 'GET', path: '/api/v1/invoices/catalog', access: need('invoices:read') },
  { method: 'GET', path: '/api/v1/invoices/:id', access: need('invoices:read') },
  { method: 'GET', path: '/api/v1/invoices/:id/document', access: need('invoices:read') },
  { method: 'GET', path: '/api/v1/invoices/:id/pdf', access: need('invoices:read') },
  { method: 'POST', path: '/api/v1/invoices/:id/issue', access: need('invoices:create') },
  { method: 'POST', path: '/api/v1/invoices/:id/void', access: need('invoices:void') },
  { method: 'POST', path: '/api/v1/invoices/:id/uncollectible', access: need('invoices:void') },
  { method: 'POST', path: '/api/v1/invoices/:id/credit-notes', access: need('refunds:create') },
  { method: 'POST', path: '/api/v1/invoices/:id/payments', access: need('payments:create') },
  { method: 'GET', path: '/api/v1/test-clock', access: need('invoices:read') },
  { method: 'POST', path: '/api/v1/test-clock/advance', access: need('test-clock:advance') },
  { method: 'GET', path: '/api/v1/plans', access: need('plans:read') },
  { method: 'POST', path: '/api/v1/plans', access: need('plans:manage') },
  { method: 'GET', path: '/api/v1/plans/:id', access: need('plans:read') },
  { method: 'PUT', path: '/api/v1/plans/:id', access: need('plans:manage') },
  { method: 'GET', path: '/api/v1/subscriptions', access: need('subscriptions:read') },
  { method: 'POST', path: '/api/v1/subscriptions', access: need('subscriptions:manage') },
  { method: 'GET', path: '/api/v1/subscriptions/:id', access: need('subscriptions:read') },
  { method: 'POST', path: '/api/v1/subscriptions/:id/change-plan', access: need('subscriptions:manage') },
  { method: 'POST', path: '/api/v1/subscriptions/:id/pause', access: need('subscriptions:manage') },
  { method: 'POST', path: '/api/v1/subscriptions/:id/resume', access: need('subscriptions:manage') },
  { method: 'POST', path: '/api/v1/subscriptions/:id/cancel', access: need('subscriptions:manage') },
  { method: 'GET', path: '/api/v1/payment-methods', access: need('payments:read') },
  { method: 'POST', path: '/api/v1/payment-methods', access: need('payments:create') },
  { method: 'POST', path: '/api/v1/payment-methods/:id/default', access: need('payments:create') },
  { method: 'DELETE', path: '/api/v1/payment-methods/:id', access: need('payments:create') },
  { method: 'GET', path: '/api/v1/payments', access: need('payments:read') },
  { method: 'POST', path: '/api/v1/payments', access: need('payments:create') },
  { method: 'GET', path: '/api/v1/payments/:id', access: need('payments:read') },
  { method: 'POST', path: '/api/v1/payments/:id/confirm', access: need('payments:create') },
  { method: 'POST', path: '/api/v1/payments/:id/capture', access: need('payments:create') },
  { method: 'POST', path: '/api/v1/payments/:id/cancel', access: need('payments:create') },
  { method: 'POST', path: '/api/v1/payments/:id/action', access: need('payments:create') },
  { method: 'POST', path: '/api/v1/payments/:id/refunds', access: need('refunds:create') },
  { method: 'GET', path: '/api/v1/payment-gateways', access: need('payments:read') },
  // Gateways call this: the HMAC signature is the credential, so no session, no CSRF.
  { method: 'POST', path: '/api/v1/webhooks/:gateway', access: PUBLIC, csrf: false },

  { method: 'GET', path: '/api/v1/api-tokens', access: need('api-tokens:manage') },
  { method: 'POST', path: '/api/v1/api-tokens', access: needInSession('api-tokens:manage') },
  { method: 'DELETE', path: '/api/v1/api-tokens/:id', access: need('api-tokens:manage') },

  { method: 'GET', path: '/api/v1/webhook-endpoints', access: need('webhooks:read') },
  { method: 'POST', path: '/api/v1/webhook-endpoints', access: need('webhooks:write') },
  { method: 'GET', path: '/api/v1/webhook-endpoints/:id', access: need('webhooks:read') },
  { method: 'PATCH', path: '/api/v1/webhook-endpoints/:id', access: need('webhooks:write') },
  { method: 'DELETE', path: '/api/v1/webhook-endpoints/:id', access: need('webhooks:write') },
  { method: 'GET', path: '/api/v1/webhook-endpoints/:id/deliveries', access: need('webhooks:read') },
  {
    method: 'POST',
    path: '/api/v1/webhook-endpoints/:id/deliveries/:deliveryId/resend',
    access: need('webhooks:write'),
  },

  { method: 'GET', path: '/api/v1/permissions', access: need('roles:read') },
  { method: 'GET', path: '/api/v1/roles', access: need('roles:read') },
  { method: 'POST', path: '/api/v1/roles', access: need('roles:manage') },
  { method: 'PUT', path: '/api/v1/roles/:id', access: need('roles:manage') },
  { method: 'DELETE', path: '/api/v1/roles/:id', access: need('roles:manage') },
  { method: 'GET', path: '/api/v1/users', access: need('users:read') },
  { method: 'POST', path: '/api/v1/users', access: need('users:manage') },
  { method: 'GET', path: '/api/v1/users/:id', access: need('users:read') },
  { method: 'PUT', path: '/api/v1/users/:id/roles', access: need('users:manage') },
  { method: 'POST', path: '/api/v1/users/:id/deactivate', access: need('users:manage') },
  { method: 'POST', path: '/api/v1/users/:id/reactivate', access: need('users:manage') },
  { method: 'GET', path: '/api/v1/users/:id/activity', access: need('activity:read') },
  { method: 'GET', path: '/api/v1/activity', access: need('activity:read') },

  { method: 'GET', path: '/api/v1/me', access: SESSION },
  { method: 'PATCH', path: '/api/v1/me', access: SESSION },
  { method: 'POST', path: '/api/v1/me/email', access: SESSION },
  { method: 'GET', path: '/api/v1/outbox', access: need('outbox:read') },

  { method: 'GET', path: '/api/v1/analytics/revenue', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/analytics/transactions', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/analytics/payments', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/analytics/aging', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/analytics/top', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/reports', access: need('reports:read') },
  { method: 'POST', path: '/api/v1/reports', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/reports/:id', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/reports/:id/download', access: need('reports:read') },
  { method: 'GET', path: '/api/v1/monitoring/processors', access: need('reports:read') },
];

function segmentsMatch(pattern: string[], actual: string[]): boolean {
  for (const [index, part] of pattern.entries()) {
    if (part === '**') return actual.length > index && actual.slice(index).every(Boolean);
    const segment = actual[index];
    if (segment === undefined) return false;
    if (part.startsWith(':') ? segment === '' : part !== segment) return false;
  }
  return pattern.length === actual.length;
}

/** The entry for a request, or undefined (which the middleware refuses). HEAD is checked as GET. */
export function findApiRoute(method: string, path: string, routes = API_ROUTES): ApiRoute | undefined {
  const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const actual = (path.split('?')[0] ?? '').replace(/\/+$/, '').split('/');
  return routes.find((route) => route.method === wanted && segmentsMatch(route.path.split('/'), actual));
}
