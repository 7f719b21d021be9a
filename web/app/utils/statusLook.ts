/** Badge colours Nuxt UI knows. */
export type StatusColor = 'success' | 'error' | 'warning' | 'info' | 'neutral';

interface KindLook {
  readonly colors: Readonly<Record<string, StatusColor>>;
  /** The colour of a status the table does not name. */
  readonly otherwise: StatusColor;
  /** Words people read instead of the API's status, where they differ. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly icons?: Readonly<Record<string, string>>;
  readonly otherwiseIcon?: string;
}

/**
 * How each kind of status looks, in one table, so a status reads the same on
 * every page (a list, a detail page, a dialog).
 */
const LOOKS = {
  invoice: {
    colors: {
      rejected: 'error',
      failed: 'error',
      open: 'info',
      partially_paid: 'warning',
      paid: 'success',
      overdue: 'error',
      uncollectible: 'error',
    },
    otherwise: 'neutral',
  },
  payment: {
    colors: {
      succeeded: 'success',
      failed: 'error',
      canceled: 'neutral',
      requires_action: 'info',
      requires_capture: 'info',
    },
    otherwise: 'warning',
  },
  refund: { colors: { succeeded: 'success', failed: 'error' }, otherwise: 'warning' },
  subscription: { colors: { trialing: 'info', active: 'success', paused: 'warning' }, otherwise: 'neutral' },
  user: {
    colors: { active: 'success', inactive: 'error', pending: 'warning' },
    otherwise: 'neutral',
    labels: { active: 'Active', inactive: 'Deactivated', pending: 'Invited' },
  },
  transaction: {
    colors: { completed: 'success', rejected: 'error', failed: 'error' },
    otherwise: 'warning',
    icons: { completed: 'i-lucide-check', rejected: 'i-lucide-x', failed: 'i-lucide-triangle-alert' },
    otherwiseIcon: 'i-lucide-loader-circle',
  },
  report: { colors: { done: 'success', failed: 'error', running: 'info' }, otherwise: 'neutral' },
  hold: { colors: { pending: 'warning', captured: 'success' }, otherwise: 'neutral' },
  account: { colors: { active: 'success', closed: 'neutral' }, otherwise: 'warning' },
  processor: { colors: { running: 'success', restoring: 'warning' }, otherwise: 'error' },
  /** Whether something is on offer: plans (offered / withdrawn), products (active / inactive). */
  offer: { colors: { offered: 'success', active: 'success' }, otherwise: 'neutral' },
} as const satisfies Record<string, KindLook>;

export type StatusKind = keyof typeof LOOKS;

export interface StatusLook {
  readonly color: StatusColor;
  readonly label: string;
  readonly icon?: string;
}

export function statusLook(kind: StatusKind, status: string): StatusLook {
  const look: KindLook = LOOKS[kind];
  return {
    color: look.colors[status] ?? look.otherwise,
    label: look.labels?.[status] ?? status.replaceAll('_', ' '),
    icon: look.icons?.[status] ?? look.otherwiseIcon,
  };
}

/** A subscription's status, and that it ends with its period when it is set to. */
export function subscriptionStatusLabel(subscription: { status: string; cancelAtPeriodEnd: boolean }): string {
  const ending = subscription.cancelAtPeriodEnd && subscription.status !== 'canceled';
  return ending ? `${subscription.status} · ends at period end` : subscription.status;
}
