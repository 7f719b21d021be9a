import { type CurrencyCode, MoneyDecimal, type MoneyValue, minorUnits, roundToMinorUnit } from '@billstream/contracts';

/**
 * Billstream's billing rules, each named and written once. Every amount that
 * is stored or shown is rounded by ROUND_HALF_UP_TO_MINOR_UNIT (contracts'
 * money.ts); the rules below say WHEN rounding happens, which decides cents.
 *
 * LINE_AMOUNT_RULE        line amount = round(quantity × unit price), per line.
 * PERCENT_DISCOUNT_RULE   percent discounts add up (10 % + 5 % = 15 %, capped at
 *                         100 %) and apply to each line: round(amount × p / 100).
 * AMOUNT_DISCOUNT_RULE    fixed discounts are allocated across lines in
 *                         proportion to what is left of each line, in whole
 *                         minor units; the leftover units go to the lines with
 *                         the largest remainders (ties: the earlier line), so
 *                         the allocations add up to the discount exactly.
 * TAX_EXCLUSIVE_RULE      prices are net: tax = round(net × rate) per line;
 *                         line total = net + tax.
 * TAX_INCLUSIVE_RULE      prices include tax: net = round(gross / (1 + rate))
 *                         per line; tax = gross − net.
 * INVOICE_TOTALS_RULE     invoice figures are exact sums of the rounded line
 *                         figures; nothing is rounded again at invoice level.
 * PRORATION_RULE          a plan change credits round(old price × unused / period)
 *                         and charges round(new price × unused / period), with
 *                         time measured in whole seconds.
 * USAGE_CHARGE_RULE       a usage charge (charges.ts) prices a period's quantity
 *                         (negative bills as 0): standard round(q × price);
 *                         graduated round(units in tier × price + flat fee) per
 *                         tier reached, summed; volume round(q × tier price +
 *                         flat fee) with the one tier q falls in (bounds are
 *                         inclusive, 0 bills nothing); package round(⌈(q − free)
 *                         ÷ size⌉ × package price); percentage clamp(amount ×
 *                         rate ÷ 100 + fixed fee, min, max) per event, exact,
 *                         and the sum rounded once.
 */
export function roundLine(value: MoneyValue, currency: CurrencyCode): MoneyDecimal {
  return roundToMinorUnit(value, currency);
}

/** An amount as an integer count of the currency's minor units (12.34 USD → 1234). */
export function toMinor(value: MoneyValue, currency: CurrencyCode): MoneyDecimal {
  const scaled = new MoneyDecimal(value).times(new MoneyDecimal(10).pow(minorUnits(currency)));
  if (!scaled.isInteger()) throw new Error(`${String(value)} is not a whole number of ${currency} minor units`);
  return scaled;
}

export function fromMinor(units: MoneyValue, currency: CurrencyCode): MoneyDecimal {
  const value = new MoneyDecimal(units);
  if (!value.isInteger()) throw new Error('minor units must be whole');
  return value.div(new MoneyDecimal(10).pow(minorUnits(currency)));
}
