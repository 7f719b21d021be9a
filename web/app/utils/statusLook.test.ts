import { describe, expect, it } from 'vitest';
import { statusLook, subscriptionStatusLabel } from './statusLook';

describe('statusLook', () => {
  it('colours a named status and falls back to the kind’s colour for others', () => {
    expect(statusLook('invoice', 'paid').color).toBe('success');
    expect(statusLook('invoice', 'draft').color).toBe('neutral');
    expect(statusLook('payment', 'processing').color).toBe('warning');
    expect(statusLook('processor', 'stopped').color).toBe('error');
  });

  it('words the status for people: underscores become spaces, user statuses get their names', () => {
    expect(statusLook('invoice', 'partially_paid').label).toBe('partially paid');
    expect(statusLook('user', 'inactive').label).toBe('Deactivated');
    expect(statusLook('user', 'pending').label).toBe('Invited');
    expect(statusLook('user', 'locked').label).toBe('locked');
  });

  it('gives transactions an icon, a spinner while undecided, and other kinds none', () => {
    expect(statusLook('transaction', 'completed').icon).toBe('i-lucide-check');
    expect(statusLook('transaction', 'pending').icon).toBe('i-lucide-loader-circle');
    expect(statusLook('report', 'done').icon).toBeUndefined();
  });
});

describe('subscriptionStatusLabel', () => {
  it('says a subscription ends at its period end unless it is already canceled', () => {
    expect(subscriptionStatusLabel({ status: 'active', cancelAtPeriodEnd: true })).toBe('active · ends at period end');
    expect(subscriptionStatusLabel({ status: 'canceled', cancelAtPeriodEnd: true })).toBe('canceled');
    expect(subscriptionStatusLabel({ status: 'paused', cancelAtPeriodEnd: false })).toBe('paused');
  });
});
