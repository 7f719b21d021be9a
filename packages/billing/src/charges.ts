import {
  type ChargeDefinition,
  type ChargeTier,
  type CurrencyCode,
  formatMoney,
  isMoneyInRange,
  MoneyDecimal,
  type MoneyValue,
} from '@billstream/contracts';
import { roundLine } from './rules.ts';

/** One tier's share of a graduated or volume charge, as an invoice line shows it. */
export interface ChargeTierLine {
  readonly from: string;
  readonly upTo: string | null;
  readonly units: string;
  readonly unitPrice: string;
  readonly flatFee: string;
  readonly amount: string;
}

/**
 * A charge either fits the money range or says why not: an out-of-range
 * result is a value for the caller to record (`amount_out_of_range`), never
 * an exception inside a processor.
 */
export type ChargeResult =
  | { readonly ok: true; readonly amount: string; readonly units: string; readonly tiers: readonly ChargeTierLine[] }
  | { readonly ok: false; readonly reason: 'amount_out_of_range' };

/** What a period's usage gives a charge: the metric's quantity, and for percentage charges each event's amount. */
export interface ChargeUsage {
  readonly quantity: MoneyValue;
  /** The amount property of each event (percentage charges only). */
  readonly eventAmounts?: readonly MoneyValue[];
}

const ZERO = new MoneyDecimal(0);
const plain = (value: MoneyDecimal) => value.toFixed();
const outOfRange = { ok: false, reason: 'amount_out_of_range' } as const;

/** USAGE_CHARGE_RULE (rules.ts): usage cannot pay the customer, so a negative quantity bills as nothing. */
function billable(value: MoneyValue): MoneyDecimal {
  const decimal = new MoneyDecimal(value);
  if (!decimal.isFinite()) throw new Error(`a usage quantity must be finite, got ${decimal.toString()}`);
  return decimal.isNegative() ? ZERO : decimal;
}

/** Sums rounded parts; null as soon as one part or the total leaves the money range. */
function settle(
  parts: readonly MoneyDecimal[],
  currency: CurrencyCode,
  units: MoneyDecimal,
  tiers: ChargeTierLine[] = [],
): ChargeResult {
  let total = ZERO;
  for (const part of parts) {
    if (!isMoneyInRange(part, currency)) return outOfRange;
    total = total.plus(part);
  }
  if (!isMoneyInRange(total, currency)) return outOfRange;
  return { ok: true, amount: formatMoney(total, currency), units: plain(units), tiers };
}

function tierLine(
  tier: ChargeTier,
  from: MoneyDecimal,
  units: MoneyDecimal,
  amount: MoneyDecimal,
  currency: CurrencyCode,
) {
  return {
    from: plain(from),
    upTo: tier.upTo,
    units: plain(units),
    unitPrice: tier.unitPrice,
    flatFee: tier.flatFee,
    amount: isMoneyInRange(amount, currency) ? formatMoney(amount, currency) : plain(amount),
  };
}

/** Each tier reached prices its own units: round(units in tier × unit price + flat fee), per tier. */
function graduated(tiers: readonly ChargeTier[], quantity: MoneyDecimal, currency: CurrencyCode): ChargeResult {
  const lines: ChargeTierLine[] = [];
  const amounts: MoneyDecimal[] = [];
  let from = ZERO;
  for (const tier of tiers) {
    if (!quantity.gt(from)) break;
    const top = tier.upTo === null ? quantity : MoneyDecimal.min(quantity, tier.upTo);
    const units = top.minus(from);
    const amount = roundLine(units.times(tier.unitPrice).plus(tier.flatFee), currency);
    amounts.push(amount);
    lines.push(tierLine(tier, from, units, amount, currency));
    if (tier.upTo === null) break;
    from = new MoneyDecimal(tier.upTo);
  }
  return settle(amounts, currency, quantity, lines);
}

/** The one tier the whole quantity falls in prices every unit: round(quantity × unit price + flat fee). */
function volume(tiers: readonly ChargeTier[], quantity: MoneyDecimal, currency: CurrencyCode): ChargeResult {
  if (quantity.isZero()) return settle([], currency, quantity);
  let from = ZERO;
  for (const tier of tiers) {
    if (tier.upTo === null || quantity.lte(tier.upTo)) {
      const amount = roundLine(quantity.times(tier.unitPrice).plus(tier.flatFee), currency);
      return settle([amount], currency, quantity, [tierLine(tier, from, quantity, amount, currency)]);
    }
    from = new MoneyDecimal(tier.upTo);
  }
  throw new Error('tiers must end with an open tier');
}

/** Per event: clamp(amount × rate ÷ 100 + fixed fee, min, max), exact; the sum is rounded once. */
function percentage(
  charge: Extract<ChargeDefinition, { model: 'percentage' }>,
  amounts: readonly MoneyValue[],
  currency: CurrencyCode,
): ChargeResult {
  const rate = new MoneyDecimal(charge.rate).div(100);
  let total = ZERO;
  for (const value of amounts) {
    let fee = billable(value).times(rate).plus(charge.fixedFeePerEvent);
    if (charge.minPerEvent !== null) fee = MoneyDecimal.max(fee, charge.minPerEvent);
    if (charge.maxPerEvent !== null) fee = MoneyDecimal.min(fee, charge.maxPerEvent);
    total = total.plus(fee);
    // Fees are never negative, so a partial sum past the range stays past it.
    if (!isMoneyInRange(total, currency)) return outOfRange;
  }
  return settle([roundLine(total, currency)], currency, new MoneyDecimal(amounts.length));
}

/**
 * A period's amount for one charge under USAGE_CHARGE_RULE (rules.ts).
 * Throws only on a definition the contracts schema would refuse.
 */
export function computeCharge(charge: ChargeDefinition, usage: ChargeUsage, currency: CurrencyCode): ChargeResult {
  const quantity = billable(usage.quantity);
  switch (charge.model) {
    case 'standard':
      return settle([roundLine(quantity.times(charge.unitPrice), currency)], currency, quantity);
    case 'graduated':
      return graduated(charge.tiers, quantity, currency);
    case 'volume':
      return volume(charge.tiers, quantity, currency);
    case 'package': {
      const packages = MoneyDecimal.max(quantity.minus(charge.freeUnits), ZERO).div(charge.packageSize).ceil();
      return settle([roundLine(packages.times(charge.packagePrice), currency)], currency, quantity);
    }
    case 'percentage':
      return percentage(charge, usage.eventAmounts ?? [], currency);
  }
}
