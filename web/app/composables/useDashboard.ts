import type { InvoicePage, InvoiceStatus, PermissionKey } from '@billstream/contracts';

export interface DashboardKpi {
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  /** The invoice status the tile counts; the tile links to that filtered list. */
  readonly status: InvoiceStatus;
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
 * Key figures everyone who reads invoices sees (the analytics section below
 * them needs reports:read): how many invoices wait in each unpaid state, each
 * counted by the invoice list itself so the tile and the list never disagree.
 */
const KPIS: readonly DashboardKpi[] = [
  { id: 'open', label: 'Open invoices', icon: 'i-lucide-file-text', status: 'open', permission: 'invoices:read' },
  {
    id: 'partially-paid',
    label: 'Partially paid',
    icon: 'i-lucide-file-clock',
    status: 'partially_paid',
    permission: 'invoices:read',
  },
  {
    id: 'overdue',
    label: 'Overdue invoices',
    icon: 'i-lucide-file-warning',
    status: 'overdue',
    permission: 'invoices:read',
  },
  { id: 'drafts', label: 'Drafts', icon: 'i-lucide-file-pen', status: 'draft', permission: 'invoices:read' },
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
    id: 'invoices',
    label: 'Invoices',
    description: 'Issue invoices, record payments and credit notes',
    icon: 'i-lucide-file-text',
    to: '/invoices',
    permission: 'invoices:read',
  },
  {
    id: 'payments',
    label: 'Payments',
    description: 'Payment intents, captures and refunds',
    icon: 'i-lucide-credit-card',
    to: '/payments',
    permission: 'payments:read',
  },
  {
    id: 'subscriptions',
    label: 'Subscriptions',
    description: 'Plans, trials, renewals and plan changes',
    icon: 'i-lucide-repeat',
    to: '/subscriptions',
    permission: 'subscriptions:read',
  },
  {
    id: 'reports',
    label: 'Reports',
    description: 'Statements, registers and tax summaries as CSV',
    icon: 'i-lucide-file-spreadsheet',
    to: '/reports',
    permission: 'reports:read',
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

/** A KPI's figure, or why it could not be read. */
export interface KpiCount {
  readonly value?: number;
  readonly error?: string;
}

/** The KPIs and areas the signed-in user may see. */
export function useDashboard() {
  const { can } = useAccess();
  return {
    kpis: computed(() => KPIS.filter((kpi) => can(kpi.permission))),
    areas: computed(() => AREAS.filter((area) => can(area.permission))),
  };
}

/**
 * Each KPI's count, read from the invoice list itself (a one-row page is
 * enough: its total is the count). One failed count leaves the others.
 */
export function useKpiCounts(kpis: Ref<readonly DashboardKpi[]>) {
  // Forwards the session cookie during SSR; taken here, while the Nuxt context is set.
  const request = useRequestFetch();
  return useAsyncData(
    'dashboard-kpis',
    async () => {
      const answers = await Promise.allSettled(
        kpis.value.map((kpi) => request<InvoicePage>('/api/v1/invoices', { query: { status: kpi.status, limit: 1 } })),
      );
      return kpiCounts(kpis.value, answers);
    },
    { default: () => ({}) as Record<string, KpiCount>, watch: [kpis] },
  );
}

/** Pairs each KPI with its settled answer. */
export function kpiCounts(
  kpis: readonly DashboardKpi[],
  answers: readonly PromiseSettledResult<{ page: { total?: number } }>[],
): Record<string, KpiCount> {
  const counts: Record<string, KpiCount> = {};
  kpis.forEach((kpi, index) => {
    const answer = answers[index];
    if (answer?.status === 'fulfilled') counts[kpi.id] = { value: answer.value.page.total };
    else counts[kpi.id] = { error: answer ? String(answer.reason?.message ?? answer.reason) : 'no answer' };
  });
  return counts;
}
