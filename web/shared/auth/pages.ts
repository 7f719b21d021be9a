import type { PermissionKey } from '@billstream/contracts';

/**
 * The page -> permission map, from the same permission table as the API
 * route map. app/middleware/access.global.ts enforces it (a page without a
 * rule is refused) and the sidebar is built from the rules that have a menu
 * entry, so a user only sees what they may open.
 */
export type PageAccess =
  /** Only for visitors who are not signed in (sign-in, sign-up). */
  | 'guest'
  /** Anyone (links from e-mails work signed in or not). */
  | 'public'
  /** Any signed-in user. */
  | 'signed-in'
  | PermissionKey;

export type MenuSection = 'main' | 'master-data' | 'settings' | 'admin';

export interface PageRule {
  /** `:name` matches one path segment. */
  readonly path: string;
  readonly access: PageAccess;
  readonly menu?: { readonly label: string; readonly icon: string; readonly section: MenuSection };
}

export const PAGE_RULES: readonly PageRule[] = [
  { path: '/', access: 'signed-in' },
  { path: '/login', access: 'guest' },
  { path: '/register', access: 'guest' },
  { path: '/forgot-password', access: 'guest' },
  { path: '/verify-email', access: 'public' },
  { path: '/reset-password', access: 'public' },
  { path: '/forbidden', access: 'signed-in' },
  {
    path: '/accounts',
    access: 'accounts:read',
    menu: { label: 'Customers', icon: 'i-lucide-wallet', section: 'main' },
  },
  // Before /accounts/:id: the first matching rule wins.
  { path: '/accounts/new', access: 'accounts:write' },
  { path: '/accounts/:id', access: 'accounts:read' },
  {
    path: '/invoices',
    access: 'invoices:read',
    menu: { label: 'Invoices', icon: 'i-lucide-file-text', section: 'main' },
  },
  // Before /invoices/:id: the first matching rule wins.
  { path: '/invoices/new', access: 'invoices:create' },
  { path: '/invoices/:id', access: 'invoices:read' },
  {
    path: '/payments',
    access: 'payments:read',
    menu: { label: 'Payments', icon: 'i-lucide-credit-card', section: 'main' },
  },
  { path: '/payments/:id', access: 'payments:read' },
  { path: '/plans', access: 'plans:read', menu: { label: 'Plans', icon: 'i-lucide-package', section: 'main' } },
  {
    path: '/subscriptions',
    access: 'subscriptions:read',
    menu: { label: 'Subscriptions', icon: 'i-lucide-repeat', section: 'main' },
  },
  { path: '/subscriptions/:id', access: 'subscriptions:read' },
  {
    path: '/analytics',
    access: 'reports:read',
    menu: { label: 'Analytics', icon: 'i-lucide-chart-line', section: 'main' },
  },
  {
    path: '/reports',
    access: 'reports:read',
    menu: { label: 'Reports', icon: 'i-lucide-file-spreadsheet', section: 'main' },
  },
  {
    path: '/monitoring',
    access: 'reports:read',
    menu: { label: 'Monitoring', icon: 'i-lucide-activity', section: 'main' },
  },
  {
    path: '/master-data/categories',
    access: 'master-data:read',
    menu: { label: 'Categories', icon: 'i-lucide-folder-tree', section: 'master-data' },
  },
  {
    path: '/master-data/products',
    access: 'master-data:read',
    menu: { label: 'Products', icon: 'i-lucide-package', section: 'master-data' },
  },
  {
    path: '/master-data/configurations',
    access: 'settings:read',
    menu: { label: 'Configuration', icon: 'i-lucide-sliders-horizontal', section: 'master-data' },
  },
  {
    path: '/settings/api-tokens',
    access: 'api-tokens:manage',
    menu: { label: 'API tokens', icon: 'i-lucide-key-round', section: 'settings' },
  },
  {
    path: '/settings/webhooks',
    access: 'webhooks:read',
    menu: { label: 'Webhooks', icon: 'i-lucide-webhook', section: 'settings' },
  },
  {
    path: '/settings/api-reference',
    access: 'signed-in',
    menu: { label: 'API reference', icon: 'i-lucide-book-open', section: 'settings' },
  },
  {
    path: '/settings/profile',
    access: 'signed-in',
    menu: { label: 'Profile', icon: 'i-lucide-user-pen', section: 'settings' },
  },
  {
    path: '/settings/preferences',
    access: 'signed-in',
    menu: { label: 'Preferences', icon: 'i-lucide-sliders-horizontal', section: 'settings' },
  },
  {
    path: '/settings/test-clock',
    access: 'test-clock:advance',
    menu: { label: 'Test clock', icon: 'i-lucide-clock', section: 'settings' },
  },
  {
    path: '/settings/password',
    access: 'signed-in',
    menu: { label: 'Password', icon: 'i-lucide-lock', section: 'settings' },
  },
  { path: '/admin/users', access: 'users:read', menu: { label: 'Users', icon: 'i-lucide-users', section: 'admin' } },
  { path: '/admin/users/:id', access: 'users:read' },
  {
    path: '/admin/roles',
    access: 'roles:read',
    menu: { label: 'Roles', icon: 'i-lucide-shield-check', section: 'admin' },
  },
  {
    path: '/admin/activity',
    access: 'activity:read',
    menu: { label: 'Activity', icon: 'i-lucide-history', section: 'admin' },
  },
  {
    path: '/admin/outbox',
    access: 'outbox:read',
    menu: { label: 'Mail outbox', icon: 'i-lucide-inbox', section: 'admin' },
  },
];

export function findPageRule(path: string, rules = PAGE_RULES): PageRule | undefined {
  const actual = (path.split('?')[0] ?? '').replace(/(.)\/+$/, '$1').split('/');
  return rules.find((rule) => {
    const pattern = rule.path.split('/');
    return (
      pattern.length === actual.length &&
      pattern.every((part, index) => part === actual[index] || (part.startsWith(':') && actual[index] !== ''))
    );
  });
}

/** Whether someone holding `permissions` (undefined: not signed in) may open a page with this rule. */
export function mayOpen(rule: PageRule, permissions: readonly string[] | undefined): boolean {
  if (rule.access === 'public') return true;
  if (rule.access === 'guest') return permissions === undefined;
  if (permissions === undefined) return false;
  return rule.access === 'signed-in' || permissions.includes(rule.access);
}

/** The sidebar: rules with a menu entry the user may open, by section, in table order. */
export function menuFor(permissions: readonly string[]): Record<MenuSection, PageRule[]> {
  const visible = PAGE_RULES.filter((rule) => rule.menu && mayOpen(rule, permissions));
  return {
    main: visible.filter((rule) => rule.menu?.section === 'main'),
    'master-data': visible.filter((rule) => rule.menu?.section === 'master-data'),
    settings: visible.filter((rule) => rule.menu?.section === 'settings'),
    admin: visible.filter((rule) => rule.menu?.section === 'admin'),
  };
}
