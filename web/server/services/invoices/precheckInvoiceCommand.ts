import { applyCreditNote, applyPayment, canTransition } from '@billstream/billing';
import { type CurrencyCode, fitsMinorUnits, type InvoiceStatus } from '@billstream/contracts';
import { ProblemError, problemOf, problems } from '../../utils/problem';

/** A command on an existing invoice, as the API accepts it. */
export type InvoiceCommandRequest =
  | { readonly kind: 'issue' }
  | { readonly kind: 'void'; readonly reason: string }
  | { readonly kind: 'uncollectible' }
  | { readonly kind: 'credit-note'; readonly amount: string; readonly reason: string }
  | { readonly kind: 'payment'; readonly amount: string };

/** The invoice as the view shows it (amounts are decimal strings in its currency). */
export interface InvoiceState {
  readonly status: InvoiceStatus;
  readonly currency: CurrencyCode;
  readonly total: string;
  readonly credited: string;
  readonly paid: string;
  readonly dueDate: string | null;
}

const TARGET = { issue: 'open', void: 'void', uncollectible: 'uncollectible' } as const;

function invalidTransition(detail: string): ProblemError {
  return new ProblemError(problemOf(409, detail, { type: 'invalid-transition', title: 'Not allowed in this state' }));
}

function moneyRefusal(
  invoice: InvoiceState,
  request: Extract<InvoiceCommandRequest, { amount: string }>,
  today: string,
): ProblemError | undefined {
  if (!fitsMinorUnits(request.amount, invoice.currency)) {
    return problems.invalid([
      { name: 'body.amount', reason: `has more decimal places than ${invoice.currency} allows` },
    ]);
  }
  const change =
    request.kind === 'payment'
      ? applyPayment(invoice, request.amount, today)
      : applyCreditNote(invoice, request.amount, today);
  if (change.ok) return undefined;
  if (change.reason === 'amount_exceeds_due') return problems.invalid([{ name: 'body.amount', reason: change.detail }]);
  return invalidTransition(change.detail);
}

/**
 * The same rules the billing processor applies (@billstream/billing), run
 * against the view so that an obviously impossible command is refused at
 * once with a reason instead of being rejected later. The processor stays
 * the authority: the view may lag, and it re-checks every command.
 */
export function precheckInvoiceCommand(
  invoice: InvoiceState,
  request: InvoiceCommandRequest,
  today: string,
): ProblemError | undefined {
  if (request.kind === 'payment' || request.kind === 'credit-note') return moneyRefusal(invoice, request, today);
  if (request.kind === 'issue' && invoice.status !== 'draft') {
    return invalidTransition(`Only a draft can be issued; this invoice is ${invoice.status}`);
  }
  if (!canTransition(invoice.status, TARGET[request.kind])) {
    return invalidTransition(`A ${invoice.status} invoice cannot become ${TARGET[request.kind]}`);
  }
  return undefined;
}
