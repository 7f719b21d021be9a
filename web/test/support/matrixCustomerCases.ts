// The RBAC matrix rows of the customer (billing account) commands and of the
// outbound webhook endpoints.
import { randomUUID } from 'node:crypto';
import { idempotent, type MatrixContext, type RouteCase, tag } from './matrixContext';

export const CUSTOMER_CASES: Record<string, RouteCase> = {
  'POST /api/v1/accounts': {
    own: () => ({
      path: '/api/v1/accounts',
      headers: idempotent(),
      body: { legalName: `Matrix customer ${tag()}`, currency: 'USD' },
      expect: 202,
    }),
  },
  // A file with a bad row: access is proven by the per-row report, and nothing is opened.
  'POST /api/v1/accounts/import': {
    own: () => ({
      path: '/api/v1/accounts/import',
      headers: idempotent(),
      body: [{ legalName: '', currency: 'USD' }],
      expect: 422,
    }),
  },
  // A change to what the account already has: access is proven, and the ledger has nothing to change.
  'PATCH /api/v1/accounts/:id': {
    own: (ctx) => ({
      path: `/api/v1/accounts/${ctx.own.accountId}`,
      headers: idempotent(),
      body: { timezone: 'UTC' },
      expect: 202,
    }),
    foreign: (ctx) => ({
      path: `/api/v1/accounts/${ctx.foreign.accountId}`,
      headers: idempotent(),
      body: { timezone: 'UTC' },
    }),
  },
  // Status actions on an unknown account: 404 for everyone allowed, and the shared accounts keep their status.
  ...Object.fromEntries(
    (['freeze', 'close', 'reopen'] as const).map((action) => [
      `POST /api/v1/accounts/:id/${action}`,
      {
        own: () => ({ path: `/api/v1/accounts/${randomUUID()}/${action}`, headers: idempotent(), expect: 404 }),
        foreign: (ctx: MatrixContext) => ({
          path: `/api/v1/accounts/${ctx.foreign.accountId}/${action}`,
          headers: idempotent(),
        }),
      },
    ]),
  ),
};

export const WEBHOOK_ENDPOINT_CASES: Record<string, RouteCase> = {
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
};
