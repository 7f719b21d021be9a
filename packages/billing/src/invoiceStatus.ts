import type { InvoiceStatus } from '@billstream/contracts';

/**
 * The invoice lifecycle: the only transitions allowed. Anything else is
 * refused with `invalid_transition`.
 *
 *   draft ──issue──▶ open ──pay──▶ partially_paid ──pay──▶ paid
 *     │               │  └─due date passes─▶ overdue ──pay──▶ paid / partially_paid
 *     └──void──▶ void ◀──void── open, partially_paid, overdue, uncollectible
 *   open, partially_paid, overdue ──write off──▶ uncollectible ──pay──▶ paid / partially_paid
 *   a refund moves paid back to partially_paid or open (or overdue once due).
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  draft: ['open', 'void'],
  open: ['partially_paid', 'paid', 'overdue', 'void', 'uncollectible'],
  partially_paid: ['open', 'paid', 'overdue', 'void', 'uncollectible'],
  overdue: ['partially_paid', 'paid', 'void', 'uncollectible'],
  paid: ['partially_paid', 'open', 'overdue'],
  uncollectible: ['partially_paid', 'paid', 'void'],
  void: [],
};

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return INVOICE_TRANSITIONS[from].includes(to);
}

/** States in which an invoice still asks for money. */
export const COLLECTIBLE_STATUSES: readonly InvoiceStatus[] = ['open', 'partially_paid', 'overdue', 'uncollectible'];
