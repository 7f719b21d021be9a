import { type CurrencyCode, formatMoney, MoneyDecimal } from '@billstream/contracts';
import { roundLine } from './rules.ts';

export interface Proration {
  /** Credit for the unused part of the old plan. */
  readonly credit: string;
  /** Charge for the rest of the period on the new plan. */
  readonly charge: string;
  readonly unusedSeconds: number;
  readonly periodSeconds: number;
}

/**
 * PRORATION_RULE: whole seconds; each side is round(price × unused ÷ period),
 * rounded on its own. Multiplying first keeps the product exact (a price has
 * at most 4 fraction digits), so the one division is the only inexact step
 * and a half-cent point such as 0.085 rounds up as the rule says; dividing
 * first rounded 27200 ÷ 2592000 at 40 digits and lost it (0.08).
 */
export function prorate(input: {
  readonly currency: CurrencyCode;
  readonly oldPrice: string;
  readonly newPrice: string;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly changeAtMs: number;
}): Proration {
  const { currency, oldPrice, newPrice, periodStartMs, periodEndMs, changeAtMs } = input;
  if (!(periodStartMs < periodEndMs)) throw new Error('a period must end after it starts');
  if (changeAtMs < periodStartMs || changeAtMs > periodEndMs) throw new Error('the change must fall inside the period');
  const periodSeconds = Math.floor((periodEndMs - periodStartMs) / 1000);
  const unusedSeconds = Math.floor((periodEndMs - changeAtMs) / 1000);
  const share = (price: string) => new MoneyDecimal(price).times(unusedSeconds).div(periodSeconds);
  return {
    credit: formatMoney(roundLine(share(oldPrice), currency), currency),
    charge: formatMoney(roundLine(share(newPrice), currency), currency),
    unusedSeconds,
    periodSeconds,
  };
}
