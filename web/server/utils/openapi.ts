import {
  AccountActionBody,
  AccountListQuery,
  ActivityQuery,
  AddPaymentMethodBody,
  AdvanceTestClockBody,
  ApiTokenListQuery,
  CancelPaymentBody,
  CancelSubscriptionBody,
  CaptureHoldBody,
  CapturePaymentBody,
  CategoryBody,
  CategoryImportRow,
  CategoryListQuery,
  ChangeEmailBody,
  ChangePasswordBody,
  ChangePlanBody,
  ConfigurationBody,
  ConfigurationImportRow,
  ConfigurationListQuery,
  ConfigurationValueBody,
  ConfirmPaymentBody,
  CreateAccountBody,
  CreateApiTokenBody,
  CreateCreditNoteBody,
  CreateHoldBody,
  CreateInvoiceBody,
  CreatePaymentBody,
  CreatePlanBody,
  CreateRefundBody,
  CreateReportBody,
  CreateSubscriptionBody,
  CreateTransactionBody,
  ForgotPasswordBody,
  InviteUserBody,
  InvoiceListQuery,
  ListSubscriptionsQuery,
  LoginBody,
  OutboxQuery,
  PageQuery,
  PaymentActionBody,
  PaymentPageQuery,
  PlanListQuery,
  ProductBody,
  ProductImportRow,
  ProductListQuery,
  RecordInvoicePaymentBody,
  RegisterBody,
  ReportListQuery,
  ResetPasswordBody,
  RoleBody,
  RoleListQuery,
  UpdateAccountBody,
  UpdatePlanBody,
  UpdateProfileBody,
  UsageEventBatchBody,
  UsageEventBody,
  UserListQuery,
  UserRolesBody,
  VerifyEmailBody,
  VoidInvoiceBody,
} from '@billstream/contracts';
import { z } from 'zod';
import { API_ROUTES, type ApiRoute } from '../../shared/auth/apiRoutes';
import { WEBHOOK_EXAMPLES, WEBHOOK_OPERATION_NOTES, WEBHOOK_SCHEMAS } from './openapiWebhooks';

/** Request bodies documented from the zod schemas the handlers validate with. */
const REQUEST_BODIES: Record<string, z.ZodType> = {
  'POST /api/v1/transactions': CreateTransactionBody,
  'POST /api/v1/events': UsageEventBody,
  'POST /api/v1/events/batch': UsageEventBatchBody,
  'POST /api/v1/accounts': CreateAccountBody,
  'PATCH /api/v1/accounts/:id': UpdateAccountBody,
  'POST /api/v1/accounts/:id/freeze': AccountActionBody,
  'POST /api/v1/accounts/:id/close': AccountActionBody,
  'POST /api/v1/accounts/:id/reopen': AccountActionBody,
  'POST /api/v1/accounts/:id/holds': CreateHoldBody,
  'POST /api/v1/holds/:id/capture': CaptureHoldBody,
  'POST /api/v1/invoices': CreateInvoiceBody,
  'POST /api/v1/invoices/:id/void': VoidInvoiceBody,
  'POST /api/v1/invoices/:id/credit-notes': CreateCreditNoteBody,
  'POST /api/v1/invoices/:id/payments': RecordInvoicePaymentBody,
  'POST /api/v1/test-clock/advance': AdvanceTestClockBody,
  'POST /api/v1/api-tokens': CreateApiTokenBody,
  'POST /api/v1/plans': CreatePlanBody,
  'PUT /api/v1/plans/:id': UpdatePlanBody,
  'POST /api/v1/subscriptions': CreateSubscriptionBody,
  'POST /api/v1/subscriptions/:id/change-plan': ChangePlanBody,
  'POST /api/v1/subscriptions/:id/cancel': CancelSubscriptionBody,
  'POST /api/v1/payment-methods': AddPaymentMethodBody,
  'POST /api/v1/payments': CreatePaymentBody,
  'POST /api/v1/payments/:id/confirm': ConfirmPaymentBody,
  'POST /api/v1/payments/:id/capture': CapturePaymentBody,
  'POST /api/v1/payments/:id/cancel': CancelPaymentBody,
  'POST /api/v1/payments/:id/action': PaymentActionBody,
  'POST /api/v1/payments/:id/refunds': CreateRefundBody,
  'POST /api/v1/reports': CreateReportBody,
  'POST /api/v1/roles': RoleBody,
  'PUT /api/v1/roles/:id': RoleBody,
  'PUT /api/v1/users/:id/roles': UserRolesBody,
  'POST /api/v1/users': InviteUserBody,
  'PATCH /api/v1/me': UpdateProfileBody,
  'POST /api/v1/me/email': ChangeEmailBody,
  'POST /api/v1/categories': CategoryBody,
  'PUT /api/v1/categories/:id': CategoryBody,
  'POST /api/v1/products': ProductBody,
  'PUT /api/v1/products/:id': ProductBody,
  'POST /api/v1/configurations': ConfigurationBody,
  'PUT /api/v1/configurations/:key': ConfigurationValueBody,
  'POST /api/auth/login': LoginBody,
  'POST /api/auth/register': RegisterBody,
  'POST /api/auth/verify-email': VerifyEmailBody,
  'POST /api/auth/password/forgot': ForgotPasswordBody,
  'POST /api/auth/password/reset': ResetPasswordBody,
  'POST /api/auth/password/change': ChangePasswordBody,
  ...WEBHOOK_SCHEMAS.bodies,
};

/** Query parameters of the lists, documented from the zod schemas their handlers validate with. */
export const LIST_QUERIES: Record<string, z.ZodObject> = {
  'GET /api/v1/accounts': AccountListQuery,
  'GET /api/v1/accounts/:id/transactions': PageQuery,
  'GET /api/v1/activity': ActivityQuery,
  'GET /api/v1/users/:id/activity': ActivityQuery,
  'GET /api/v1/invoices': InvoiceListQuery,
  'GET /api/v1/payments': PaymentPageQuery,
  'GET /api/v1/plans': PlanListQuery,
  'GET /api/v1/subscriptions': ListSubscriptionsQuery,
  'GET /api/v1/roles': RoleListQuery,
  'GET /api/v1/api-tokens': ApiTokenListQuery,
  'GET /api/v1/reports': ReportListQuery,
  'GET /api/v1/users': UserListQuery,
  'GET /api/v1/categories': CategoryListQuery,
  'GET /api/v1/products': ProductListQuery,
  'GET /api/v1/configurations': ConfigurationListQuery,
  'GET /api/v1/outbox': OutboxQuery,
  ...WEBHOOK_SCHEMAS.queries,
};

/** One `in: query` parameter per field of the route's query schema. */
function queryParametersOf(key: string) {
  const query = LIST_QUERIES[key];
  if (!query) return [];
  const schema = schemaOf(query) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** Import uploads: a CSV with these columns, or a JSON array of these rows. */
const IMPORT_ROWS: Record<string, z.ZodType> = {
  'POST /api/v1/categories/import': CategoryImportRow,
  'POST /api/v1/products/import': ProductImportRow,
  'POST /api/v1/configurations/import': ConfigurationImportRow,
};

/** Example bodies shown by the API reference page. */
const REQUEST_EXAMPLES: Record<string, unknown> = {
  'POST /api/v1/accounts': {
    legalName: 'Acme SARL',
    currency: 'EUR',
    creditLimit: '500.00',
    billingEmail: 'billing@acme.example',
    address: { line1: '1 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
    taxId: 'FR12345678901',
    paymentTermsDays: 30,
    timezone: 'Europe/Paris',
    externalId: 'crm-000123',
  },
  'PATCH /api/v1/accounts/:id': { billingEmail: 'ap@acme.example', creditLimit: '1000.00' },
  'POST /api/v1/accounts/:id/freeze': { reason: 'Payment dispute' },
  'POST /api/v1/accounts/:id/close': { reason: 'Customer left' },
  'POST /api/v1/accounts/:id/reopen': {},
};

function requestBodyOf(key: string) {
  const body = REQUEST_BODIES[key];
  const example = REQUEST_EXAMPLES[key] ?? WEBHOOK_EXAMPLES[key];
  if (body) {
    const json = { schema: schemaOf(body), ...(example === undefined ? {} : { example }) };
    return { required: !key.startsWith('POST /api/v1/accounts/:id/'), content: { 'application/json': json } };
  }
  const row = IMPORT_ROWS[key];
  if (!row) return undefined;
  return {
    required: true,
    content: {
      'application/json': { schema: { type: 'array', items: schemaOf(row) } },
      'text/csv': {
        schema: { type: 'string', description: 'A header line naming the row fields, then one row per line' },
      },
    },
  };
}

/** `/api/v1/accounts/:id` -> `/api/v1/accounts/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

function schemaOf(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return { type: 'object' };
  }
}

/** What the route map and the schemas cannot say: refusals a client should expect from these operations. */
const ACCOUNT_REF = 'The `id` is the account id or the customer’s external id.';
const OPERATION_NOTES: Record<string, string> = {
  'POST /api/v1/accounts/import':
    'text/csv (columns legalName,currency,creditLimit,billingEmail,line1,line2,city,postalCode,region,country,taxId,paymentTermsDays,timezone,externalId) or a JSON array of POST /api/v1/accounts bodies, at most 1,000 rows, with an Idempotency-Key. 202 with every row’s accountId; one bad row refuses the file: 422 `import-rows-invalid` naming `rows[n].field`.',
  'POST /api/v1/accounts':
    '202 + Location of the account; the ledger opens it (poll the Location). A taken `externalId` is 409 `external-id-taken`.',
  'GET /api/v1/accounts/{id}': ACCOUNT_REF,
  'PATCH /api/v1/accounts/{id}': `${ACCOUNT_REF} Only the fields named change; null clears one. 202; a taken externalId is 409.`,
  'POST /api/v1/accounts/{id}/freeze': `${ACCOUNT_REF} Debits are refused (credits still land). Only an active account: else 409 \`invalid-transition\`.`,
  'POST /api/v1/accounts/{id}/close': `${ACCOUNT_REF} Every credit and debit is refused. From active or frozen: else 409 \`invalid-transition\`.`,
  'POST /api/v1/accounts/{id}/reopen': `${ACCOUNT_REF} Active again. From frozen or closed: else 409 \`invalid-transition\`.`,
  'POST /api/auth/register':
    'In production without SMTP_URL (and without MAIL_OUTBOX_IN_PRODUCTION=true): 503 `mail-not-configured`.',
  'POST /api/auth/password/forgot':
    'In production without SMTP_URL (and without MAIL_OUTBOX_IN_PRODUCTION=true): 503 `mail-not-configured`.',
  'POST /api/auth/password/reset':
    'The token is checked before the password is hashed; attempts per client IP are limited (429 `password-reset-attempts-per-ip`). A reset ends every session and revokes every API token of the user.',
  'POST /api/v1/api-tokens':
    'Every token expires: `expiresInDays` defaults to 90, at most 366. An API token cannot create tokens (403).',
  'POST /api/v1/users':
    'Only roles within the caller’s own permissions (admin only by admins): else 403 `privilege-escalation`.',
  'PUT /api/v1/users/{id}/roles':
    'Only roles within the caller’s own permissions (admin only by admins), and only for users holding no more than the caller: else 403 `privilege-escalation`.',
  'POST /api/v1/roles':
    'Only permissions the caller holds (every permission only by admins): else 403 `privilege-escalation`.',
  'PUT /api/v1/roles/{id}':
    'Only permissions the caller holds (every permission only by admins), and not a role the caller holds: else 403 `privilege-escalation`.',
  ...WEBHOOK_OPERATION_NOTES,
};

function accessDescription(route: ApiRoute): string | undefined {
  const { access } = route;
  if (access.kind === 'session') return 'A signed-in session only (API tokens are refused).';
  if (access.kind !== 'permission') return undefined;
  return access.sessionOnly
    ? `Needs \`${access.permission}\`, from a signed-in session (API tokens are refused).`
    : `Needs \`${access.permission}\`.`;
}

function operationOf(route: ApiRoute) {
  const key = `${route.method} ${route.path}`;
  const params = [
    ...[...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...queryParametersOf(key),
  ];
  const body = requestBodyOf(key);
  const { access } = route;
  const description = [accessDescription(route), OPERATION_NOTES[`${route.method} ${openApiPath(route.path)}`]]
    .filter(Boolean)
    .join(' ');
  const sessionOnly = access.kind === 'session' || (access.kind === 'permission' && access.sessionOnly);
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, ''),
    summary: key,
    ...(access.kind === 'permission' ? { 'x-permission': access.permission } : {}),
    ...(description ? { description } : {}),
    ...(access.kind === 'public' ? { security: [] } : {}),
    ...(sessionOnly ? { security: [{ session: [] }] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      default: {
        description: 'Success, or an RFC 9457 problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
  };
}

/** The OpenAPI 3.1 document of every /api/v1 and /api/auth route of the route map. */
export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.module) continue;
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Billstream API', version: '1' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token bst_... (/api/v1 only)' },
        session: { type: 'apiKey', in: 'cookie', name: 'bst_at' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } },
            },
          },
        },
      },
    },
    paths,
  };
}
