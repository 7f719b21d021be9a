import { InvoiceStatus } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { canTransition, INVOICE_TRANSITIONS } from './invoiceStatus.ts';

const ALLOWED = new Set([
  'draft>open',
  'draft>void',
  'open>partially_paid',
  'open>paid',
  'open>overdue',
  'open>void',
  'open>uncollectible',
  'partially_paid>open',
  'partially_paid>paid',
  'partially_paid>overdue',
  'partially_paid>void',
  'partially_paid>uncollectible',
  'overdue>partially_paid',
  'overdue>paid',
  'overdue>void',
  'overdue>uncollectible',
  'paid>partially_paid',
  'paid>open',
  'paid>overdue',
  'uncollectible>partially_paid',
  'uncollectible>paid',
  'uncollectible>void',
]);

describe('invoice transitions', () => {
  const pairs = InvoiceStatus.options.flatMap((from) => InvoiceStatus.options.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s matches the lifecycle table', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });
  it('void is final', () => {
    expect(INVOICE_TRANSITIONS.void).toEqual([]);
  });
});
