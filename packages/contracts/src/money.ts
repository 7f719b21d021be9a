import Decimal from 'decimal.js';
import { z } from 'zod';

/**
 * Money rules live here and only here. Code holds money as decimal.js values,
 * SQL as NUMERIC(19,4), and the wire as a decimal string such as "12.34".
 * A JS number never carries money: binary floats cannot represent 0.1.
 */

// A private Decimal constructor so that another package's global Decimal
// settings can never change how money rounds.
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type MoneyDecimal = InstanceType<typeof MoneyDecimal>;
/** Anything a Decimal can be built from: a decimal string or another Decimal (numbers only in tests). */
export type MoneyValue = Decimal.Value;

/** ISO 4217 minor units of the currencies Billstream accepts. */
export const CURRENCY_MINOR_UNITS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  INR: 2,
  BRL: 2,
  MXN: 2,
  CNY: 2,
  SGD: 2,
  HKD: 2,
  ZAR: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  BHD: 3,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_MINOR_UNITS;
export const CURRENCY_CODES = Object.keys(CURRENCY_MINOR_UNITS) as [CurrencyCode, ...CurrencyCode[]];

export const Currency = z.enum(CURRENCY_CODES, {
  error: () => `must be one of ${CURRENCY_CODES.join(', ')}`,
});

/** Largest magnitude NUMERIC(19,4) holds: 15 integer digits. */
export const MONEY_INTEGER_DIGITS_MAX = 15;
export const MONEY_FRACTION_DIGITS_MAX = 4;
const MONEY_PATTERN = /^-?(0|[1-9]\d{0,14})(\.\d{1,4})?$/;

/** A decimal string on the wire: "12.34", "-5", "0.125". Never a number. */
export const MoneyString = z.string({ error: 'must be a decimal string such as "12.34"' }).regex(MONEY_PATTERN, {
  message: 'must be a decimal string such as "12.34" (at most 15 integer and 4 fraction digits)',
  // Later refinements build a Decimal, which throws on anything else.
  abort: true,
});

/**
 * True when `value` is a money decimal string. Zod 4 runs refinements even
 * after a failed regex, so every refinement that builds a Decimal asks this
 * first: a malformed amount is a 422 naming the field, never a DecimalError.
 */
export function isMoneyText(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

/**
 * Sums over many amounts (analytics per day or minute) may pass the money
 * range of one amount: they are stored as NUMERIC(34,4), 30 integer digits,
 * which no realistic count of in-range amounts can reach.
 */
export const AGGREGATE_INTEGER_DIGITS_MAX = 30;
const AGGREGATE_PATTERN = /^-?(0|[1-9]\d{0,29})(\.\d{1,4})?$/;

/** A decimal string for a sum of amounts: up to AGGREGATE_INTEGER_DIGITS_MAX integer digits. */
export const AggregateMoneyString = z.string().regex(AGGREGATE_PATTERN, {
  message: 'must be a decimal string with at most 30 integer and 4 fraction digits',
});

/** A strictly positive amount. */
export const PositiveMoneyString = MoneyString.refine((value) => !isMoneyText(value) || new MoneyDecimal(value).gt(0), {
  message: 'must be greater than 0',
});

export function minorUnits(currency: CurrencyCode): number {
  const units = CURRENCY_MINOR_UNITS[currency];
  if (units === undefined) throw new Error(`unknown currency ${currency}`);
  return units;
}

/** True when `amount` has no more fraction digits than the currency allows. */
export function fitsMinorUnits(amount: string, currency: CurrencyCode): boolean {
  // A malformed amount or currency is reported by its own field's schema.
  if (!isMoneyText(amount) || CURRENCY_MINOR_UNITS[currency] === undefined) return true;
  const value = new MoneyDecimal(amount);
  return value.decimalPlaces() <= minorUnits(currency);
}

/**
 * ROUND_HALF_UP_TO_MINOR_UNIT: the one rounding rule for amounts that are
 * stored or shown. Half away from zero at the currency's minor unit
 * (2.345 USD -> 2.35, -2.345 USD -> -2.35), as decimal.js ROUND_HALF_UP does.
 */
export function roundToMinorUnit(value: MoneyValue, currency: CurrencyCode): MoneyDecimal {
  const decimal = new MoneyDecimal(value);
  if (!decimal.isFinite()) throw new Error(`money must be finite, got ${decimal.toString()}`);
  return decimal.toDecimalPlaces(minorUnits(currency), MoneyDecimal.ROUND_HALF_UP);
}

/**
 * True when `value`, rounded to the currency's minor unit, fits the money range
 * (15 integer digits, NUMERIC(19,4)). Every computed amount is checked with this
 * before it is stored: a result out of range is a business rejection
 * (`amount_out_of_range`), never an exception inside a processor.
 */
export function isMoneyInRange(value: MoneyValue, currency: CurrencyCode): boolean {
  const decimal = new MoneyDecimal(value);
  if (!decimal.isFinite()) return false;
  return MONEY_PATTERN.test(roundToMinorUnit(decimal, currency).toFixed(minorUnits(currency)));
}

/** The wire form of an amount: fixed to the currency's minor unit. Assert in range first (isMoneyInRange). */
export function formatMoney(value: MoneyValue, currency: CurrencyCode): string {
  const rounded = roundToMinorUnit(value, currency);
  const text = rounded.toFixed(minorUnits(currency));
  if (!MONEY_PATTERN.test(text)) throw new Error(`amount out of range: ${text}`);
  return text;
}

export function money(value: MoneyValue): MoneyDecimal {
  const decimal = new MoneyDecimal(value);
  if (!decimal.isFinite()) throw new Error('money must be finite');
  return decimal;
}
