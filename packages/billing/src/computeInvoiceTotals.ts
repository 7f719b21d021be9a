import {
  type CurrencyCode,
  formatMoney,
  INVOICE_LINES_MAX,
  type InvoiceDiscount,
  isMoneyInRange,
  MoneyDecimal,
  type PriceMode,
  type TaxCategory,
} from '@billstream/contracts';
import { allocateProportionally } from './allocate.ts';
import { fromMinor, roundLine, toMinor } from './rules.ts';

/** A line ready to price: its product (if any) is already resolved to a price and a rate. */
export interface PricedLineInput {
  readonly productId: string | null;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly taxCategory: TaxCategory;
  /** A fraction: "0.2" is 20 %. */
  readonly taxRate: string;
}

export interface LineTotals {
  readonly position: number;
  readonly productId: string | null;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly taxCategory: TaxCategory;
  readonly taxRate: string;
  /** LINE_AMOUNT_RULE: quantity × unit price, before discounts (tax included in tax_inclusive mode). */
  readonly subtotal: string;
  readonly discount: string;
  readonly taxAmount: string;
  /** What the customer pays for the line, tax included. */
  readonly total: string;
}

export interface InvoiceTotals {
  readonly currency: CurrencyCode;
  readonly priceMode: PriceMode;
  readonly lines: readonly LineTotals[];
  readonly subtotal: string;
  readonly discount: string;
  readonly tax: string;
  readonly total: string;
}

export type TotalsResult =
  | { readonly ok: true; readonly totals: InvoiceTotals }
  | { readonly ok: false; readonly reason: 'total_negative' | 'amount_out_of_range'; readonly detail: string };

const OUT_OF_RANGE = 'would leave the money range (15 integer digits)';

const ZERO = new MoneyDecimal(0);
const HUNDRED = new MoneyDecimal(100);

/**
 * Prices an invoice by the rules in rules.ts. Pure: the billing processor and
 * the web form's live preview call this same function, so the preview shows
 * the cents the invoice will have. Discounts larger than the lines are an
 * expected failure (a value), not an exception.
 */
export function computeInvoiceTotals(input: {
  readonly currency: CurrencyCode;
  readonly priceMode: PriceMode;
  readonly lines: readonly PricedLineInput[];
  readonly discounts: readonly InvoiceDiscount[];
}): TotalsResult {
  const { currency, priceMode, lines, discounts } = input;
  if (lines.length === 0 || lines.length > INVOICE_LINES_MAX)
    throw new Error(`an invoice has 1..${INVOICE_LINES_MAX} lines`);
  const bases = lines.map((line) => roundLine(new MoneyDecimal(line.quantity).times(line.unitPrice), currency));
  const percentDiscounts = percentDiscountPerLine(bases, discounts, currency);
  const afterPercent = bases.map((base, index) => base.minus(percentDiscounts[index]!));
  const amountUnits = discounts
    .filter((discount) => discount.kind === 'amount')
    .reduce((sum, discount) => sum.plus(toMinor(roundLine(discount.amount, currency), currency)), ZERO);
  const weights = afterPercent.map((value) => toMinor(MoneyDecimal.max(value, 0), currency));
  const weightSum = weights.reduce((sum, weight) => sum.plus(weight), ZERO);
  if (amountUnits.gt(weightSum)) {
    return { ok: false, reason: 'total_negative', detail: 'the discounts are larger than the invoice lines' };
  }
  const allocated = allocateProportionally(amountUnits, weights).map((units) => fromMinor(units, currency));
  const priced: LineTotals[] = [];
  for (const [index, line] of lines.entries()) {
    const figures = {
      base: bases[index]!,
      discount: percentDiscounts[index]!.plus(allocated[index]!),
      currency,
      priceMode,
    };
    const lineTotals = priceLine(line, index, figures);
    if (lineTotals === null)
      return { ok: false, reason: 'amount_out_of_range', detail: `line ${index + 1} ${OUT_OF_RANGE}` };
    priced.push(lineTotals);
  }
  const totals = sumLines(priced, currency, priceMode);
  if (totals === null) return { ok: false, reason: 'amount_out_of_range', detail: `the invoice total ${OUT_OF_RANGE}` };
  return { ok: true, totals };
}

/** PERCENT_DISCOUNT_RULE. */
function percentDiscountPerLine(
  bases: readonly MoneyDecimal[],
  discounts: readonly InvoiceDiscount[],
  currency: CurrencyCode,
): MoneyDecimal[] {
  const percent = MoneyDecimal.min(
    discounts.reduce((sum, discount) => (discount.kind === 'percent' ? sum.plus(discount.percent) : sum), ZERO),
    HUNDRED,
  );
  return bases.map((base) => (percent.isZero() ? ZERO : roundLine(base.times(percent).div(HUNDRED), currency)));
}

/** TAX_EXCLUSIVE_RULE / TAX_INCLUSIVE_RULE for one line; null when a figure is out of the money range. */
function priceLine(
  line: PricedLineInput,
  index: number,
  figures: { base: MoneyDecimal; discount: MoneyDecimal; currency: CurrencyCode; priceMode: PriceMode },
): LineTotals | null {
  const { base, discount, currency, priceMode } = figures;
  const rate = new MoneyDecimal(line.taxRate);
  if (rate.isNegative() || rate.gt(1)) throw new Error(`tax rate ${line.taxRate} is not a fraction between 0 and 1`);
  const discounted = base.minus(discount);
  let tax: MoneyDecimal;
  let total: MoneyDecimal;
  if (priceMode === 'tax_exclusive') {
    tax = roundLine(discounted.times(rate), currency);
    total = discounted.plus(tax);
  } else {
    const net = roundLine(discounted.div(rate.plus(1)), currency);
    tax = discounted.minus(net);
    total = discounted;
  }
  if (![base, discount, tax, total].every((value) => isMoneyInRange(value, currency))) return null;
  return {
    position: index + 1,
    productId: line.productId,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    taxCategory: line.taxCategory,
    taxRate: line.taxRate,
    subtotal: formatMoney(base, currency),
    discount: formatMoney(discount, currency),
    taxAmount: formatMoney(tax, currency),
    total: formatMoney(total, currency),
  };
}

/** INVOICE_TOTALS_RULE: exact sums of the rounded line figures; null when a sum is out of the money range. */
function sumLines(lines: readonly LineTotals[], currency: CurrencyCode, priceMode: PriceMode): InvoiceTotals | null {
  let subtotal = ZERO;
  let discount = ZERO;
  let tax = ZERO;
  let total = ZERO;
  for (const line of lines) {
    subtotal = subtotal.plus(line.subtotal);
    discount = discount.plus(line.discount);
    tax = tax.plus(line.taxAmount);
    total = total.plus(line.total);
  }
  const expected = priceMode === 'tax_exclusive' ? subtotal.minus(discount).plus(tax) : subtotal.minus(discount);
  if (!expected.eq(total)) throw new Error(`invoice totals disagree: ${expected.toFixed()} ≠ ${total.toFixed()}`);
  if (![subtotal, discount, tax, total].every((value) => isMoneyInRange(value, currency))) return null;
  return {
    currency,
    priceMode,
    lines,
    subtotal: formatMoney(subtotal, currency),
    discount: formatMoney(discount, currency),
    tax: formatMoney(tax, currency),
    total: formatMoney(total, currency),
  };
}
