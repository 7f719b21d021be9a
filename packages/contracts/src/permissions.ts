/**
 * The permission table: every permission key (resource:action) and which
 * built-in roles hold it. The seed writes it to permissions / roles /
 * role_permissions; the web app can check keys against it without a query.
 * It is the one source of the web app's API route map, its page middleware
 * and its menu (web/shared/auth/), so it must stay free of imports: the
 * browser bundle imports it through `@billstream/contracts`.
 */

export const BUILTIN_ROLE_NAMES = ['admin', 'finance', 'support', 'viewer'] as const;
export type BuiltinRoleName = (typeof BUILTIN_ROLE_NAMES)[number];

export interface BuiltinRole {
  /** Fixed, so that the seed is idempotent: built-ins have no organization,
   * and PostgreSQL's unique (organization_id, name) ignores NULL rows. */
  id: string;
  name: BuiltinRoleName;
  description: string;
}

export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  {
    id: '00000000-0000-4000-8001-000000000001',
    name: 'admin',
    description: 'Everything, including users, roles and settings',
  },
  {
    id: '00000000-0000-4000-8001-000000000002',
    name: 'finance',
    description: 'Ledger, invoices, payments and master data',
  },
  {
    id: '00000000-0000-4000-8001-000000000003',
    name: 'support',
    description: 'Reads customers and their history; manages nothing financial',
  },
  { id: '00000000-0000-4000-8001-000000000004', name: 'viewer', description: 'Read-only access to financial data' },
];

const ALL: readonly BuiltinRoleName[] = BUILTIN_ROLE_NAMES;
const FINANCE: readonly BuiltinRoleName[] = ['admin', 'finance'];
const ADMIN: readonly BuiltinRoleName[] = ['admin'];

export const PERMISSIONS = [
  { key: 'accounts:read', description: 'View billing accounts and balances', roles: ALL },
  { key: 'accounts:write', description: 'Open, change, freeze and close billing accounts', roles: FINANCE },
  { key: 'transactions:read', description: 'View transactions', roles: ALL },
  { key: 'transactions:create', description: 'Post credits and debits', roles: FINANCE },
  { key: 'invoices:read', description: 'View invoices', roles: ALL },
  { key: 'invoices:create', description: 'Draft and issue invoices', roles: FINANCE },
  { key: 'invoices:void', description: 'Void issued invoices', roles: FINANCE },
  { key: 'payments:read', description: 'View payments and payment methods', roles: ALL },
  { key: 'payments:create', description: 'Take payments and store payment methods', roles: FINANCE },
  { key: 'refunds:create', description: 'Refund payments', roles: FINANCE },
  { key: 'master-data:read', description: 'View products, categories and tax categories', roles: ALL },
  { key: 'master-data:write', description: 'Change products and categories', roles: FINANCE },
  { key: 'plans:read', description: 'View subscription plans', roles: ALL },
  { key: 'plans:manage', description: 'Create and change subscription plans', roles: FINANCE },
  { key: 'subscriptions:read', description: 'View subscriptions', roles: ALL },
  {
    key: 'subscriptions:manage',
    description: 'Start, change plan, pause, resume and cancel subscriptions',
    roles: FINANCE,
  },
  { key: 'usage:read', description: 'View billable metrics and usage', roles: ALL },
  { key: 'usage:write', description: 'Send usage events and manage billable metrics', roles: FINANCE },
  { key: 'reports:read', description: 'View reports and dashboards', roles: ['admin', 'finance', 'viewer'] },
  { key: 'activity:read', description: 'View the user activity log', roles: ['admin', 'support'] },
  { key: 'users:read', description: 'View users', roles: ['admin', 'support'] },
  { key: 'users:manage', description: 'Invite, change and deactivate users', roles: ADMIN },
  { key: 'roles:read', description: 'View roles and the permissions they grant', roles: ['admin', 'support'] },
  { key: 'roles:manage', description: 'Create roles and grant permissions', roles: ADMIN },
  { key: 'settings:read', description: 'View organization configuration', roles: FINANCE },
  { key: 'settings:write', description: 'Change organization configuration (tax rates, numbering)', roles: ADMIN },
  { key: 'webhooks:read', description: 'View webhook endpoints and their delivery log', roles: FINANCE },
  {
    key: 'webhooks:write',
    description: 'Register, change and delete webhook endpoints; resend deliveries',
    roles: ADMIN,
  },
  { key: 'api-tokens:manage', description: 'Create and revoke own API tokens', roles: ['admin', 'finance', 'support'] },
  {
    key: 'test-clock:advance',
    description: "Move the organization's test clock forward (test mode)",
    roles: ADMIN,
  },
  { key: 'outbox:read', description: 'Read the development mail outbox (only used without SMTP)', roles: ADMIN },
] as const satisfies readonly { key: `${string}:${string}`; description: string; roles: readonly BuiltinRoleName[] }[];

export type PermissionKey = (typeof PERMISSIONS)[number]['key'];

export const PERMISSION_KEYS: readonly PermissionKey[] = PERMISSIONS.map((permission) => permission.key);

/** The keys a built-in role holds, in table order. */
export function permissionsOf(role: BuiltinRoleName): PermissionKey[] {
  return PERMISSIONS.filter((permission) => (permission.roles as readonly string[]).includes(role)).map(
    (permission) => permission.key,
  );
}

export function isPermissionKey(value: unknown): value is PermissionKey {
  return typeof value === 'string' && (PERMISSION_KEYS as readonly string[]).includes(value);
}
