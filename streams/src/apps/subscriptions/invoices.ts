import { isoDate, prorate } from '@billstream/billing';
import {
  type CreateInvoice,
  formatMoney,
  type InvoiceDiscount,
  MoneyDecimal,
  type PlanSnapshot,
  type SubscriptionSnapshot,
} from '@billstream/contracts';
import { billingCommand, periodInvoiceId, prorationInvoiceId } from './subscriptionOutputs.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function command(
  name: string,
  subscription: SubscriptionSnapshot,
  invoice: { id: string; line: { description: string; unitPrice: string }; plan: PlanSnapshot },
  discount: InvoiceDiscount | null,
  atMs: number,
): CreateInvoice {
  return billingCommand('CreateInvoice', name, {
    invoiceId: invoice.id,
    organizationId: subscription.organizationId,
    accountId: subscription.accountId,
    currency: invoice.plan.currency,
    priceMode: 'tax_exclusive',
    lines: [{ ...invoice.line, quantity: '1', taxCategory: invoice.plan.taxCategory }],
    discounts: discount ? [discount] : [],
    draft: false,
    // Subscription invoices are charged to the customer's default payment method (docs/collection.md).
    collection: 'automatic',
    subscriptionId: subscription.id,
    memo: `Subscription ${subscription.id}`,
    requestedAt: iso(atMs),
  });
}

/**
 * The invoice of one period, in advance, at the plan's current price. Unused
 * proration credit is spent first, as an amount discount of at most the price.
 */
export function periodInvoice(
  subscription: SubscriptionSnapshot,
  plan: PlanSnapshot,
  period: { startMs: number; endMs: number },
): { command: CreateInvoice; creditLeft: string } {
  const price = new MoneyDecimal(plan.price);
  const used = MoneyDecimal.min(price, subscription.creditBalance);
  const creditLeft = new MoneyDecimal(subscription.creditBalance).minus(used);
  const id = periodInvoiceId(subscription.id, period.startMs);
  const description = `${plan.name} ${isoDate(period.startMs)} – ${isoDate(period.endMs)}`;
  const discount: InvoiceDiscount | null = used.gt(0)
    ? { kind: 'amount', amount: formatMoney(used, plan.currency), description: 'Proration credit' }
    : null;
  return {
    command: command(
      `period:${id}`,
      subscription,
      { id, line: { description, unitPrice: plan.price }, plan },
      discount,
      period.startMs,
    ),
    creditLeft: formatMoney(creditLeft, plan.currency),
  };
}

export type PlanChange =
  | { readonly kind: 'invoice'; readonly command: CreateInvoice; readonly credit: string; readonly charge: string }
  | { readonly kind: 'credit'; readonly creditAdded: string; readonly credit: string; readonly charge: string };

/**
 * PRORATION_RULE on a mid-period plan change: credit round(old × unused /
 * period), charge round(new × unused / period). Free invoice lines cannot be
 * negative, so the credit is an amount discount on an invoice that charges
 * the new plan's rest of the period (an upgrade: the customer pays the
 * difference now). When the credit is at least the charge (a downgrade), no
 * invoice is issued and the difference becomes credit that the next renewals
 * spend first. A credit note on the period's invoice would fail once that
 * invoice is paid; the discount and the carried credit never do.
 */
export function planChange(
  subscription: SubscriptionSnapshot,
  plans: { from: PlanSnapshot; to: PlanSnapshot },
  changeAtMs: number,
  nextVersion: number,
): PlanChange {
  const { from, to } = plans;
  if (from.currency !== to.currency) throw new Error('a plan change keeps the currency');
  const periodStartMs = Date.parse(subscription.currentPeriodStart);
  const periodEndMs = Date.parse(subscription.currentPeriodEnd);
  const { credit, charge } = prorate({
    currency: to.currency,
    oldPrice: from.price,
    newPrice: to.price,
    periodStartMs,
    periodEndMs,
    changeAtMs,
  });
  if (new MoneyDecimal(credit).gte(charge)) {
    return {
      kind: 'credit',
      creditAdded: formatMoney(new MoneyDecimal(credit).minus(charge), to.currency),
      credit,
      charge,
    };
  }
  const id = prorationInvoiceId(subscription.id, nextVersion);
  const description = `${to.name} ${isoDate(changeAtMs)} – ${isoDate(periodEndMs)} (prorated)`;
  const discount: InvoiceDiscount | null = new MoneyDecimal(credit).gt(0)
    ? { kind: 'amount', amount: credit, description: `Unused time on ${from.name}` }
    : null;
  const invoice = { id, line: { description, unitPrice: charge }, plan: to };
  return {
    kind: 'invoice',
    command: command(`proration:${id}`, subscription, invoice, discount, changeAtMs),
    credit,
    charge,
  };
}
