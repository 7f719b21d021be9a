import type { PermissionKey } from '@billstream/db/permissions';

export interface DashboardKpi {
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  /** Where the numbers come from once they exist. */
  readonly to: string;
  readonly permission: PermissionKey;
}

export interface DashboardArea {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly icon: string;
  readonly to: string;
  readonly permission: PermissionKey;
}

/**
 * The landing page's KPIs are filled in by the billing domain; until then
 * each card is a labelled placeholder linking to its area.
 */
const KPIS: readonly DashboardKpi[] = [
  {
    id: 'balance',
    label: 'Outstanding balance',
    icon: 'i-lucide-wallet',
    to: '/accounts',
    permission: 'accounts:read',
  },
  {
    id: 'revenue',
    label: 'Revenue this month',
    icon: 'i-lucide-trending-up',
    to: '/accounts',
    permission: 'reports:read',
  },
  { id: 'invoices', label: 'Open invoices', icon: 'i-lucide-file-text', to: '/accounts', permission: 'invoices:read' },
  {
    id: 'payments',
    label: 'Payments today',
    icon: 'i-lucide-credit-card',
    to: '/accounts',
    permission: 'payments:read',
  },
];

const AREAS: readonly DashboardArea[] = [
  {
    id: 'accounts',
    label: 'Accounts',
    description: 'Billing accounts and their balances',
    icon: 'i-lucide-wallet',
    to: '/accounts',
    permission: 'accounts:read',
  },
  {
    id: 'transactions',
    label: 'Transactions',
    description: 'Credits and debits, per account',
    icon: 'i-lucide-arrow-left-right',
    to: '/accounts',
    permission: 'transactions:read',
  },
  {
    id: 'products',
    label: 'Products',
    description: 'Master data: what you sell and its prices',
    icon: 'i-lucide-package',
    to: '/master-data/products',
    permission: 'master-data:read',
  },
  {
    id: 'categories',
    label: 'Categories',
    description: 'Master data: how products are grouped',
    icon: 'i-lucide-folder-tree',
    to: '/master-data/categories',
    permission: 'master-data:read',
  },
  {
    id: 'users',
    label: 'Users',
    description: 'Administration: users, invitations and roles',
    icon: 'i-lucide-users',
    to: '/admin/users',
    permission: 'users:read',
  },
  {
    id: 'activity',
    label: 'Activity',
    description: 'Administration: who did what, and when',
    icon: 'i-lucide-history',
    to: '/admin/activity',
    permission: 'activity:read',
  },
];

/** The KPIs and areas the signed-in user may see. */
export function useDashboard() {
  const { can } = useAccess();
  return {
    kpis: computed(() => KPIS.filter((kpi) => can(kpi.permission))),
    areas: computed(() => AREAS.filter((area) => can(area.permission))),
  };
}
