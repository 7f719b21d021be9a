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

/** PRORATION_RULE: whole seconds; each side rounded on its own. */
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
  const fraction = new MoneyDecimal(unusedSeconds).div(periodSeconds);
  return {
    credit: formatMoney(roundLine(new MoneyDecimal(oldPrice).times(fraction), currency), currency),
    charge: formatMoney(roundLine(new MoneyDecimal(newPrice).times(fraction), currency), currency),
    unusedSeconds,
    periodSeconds,
  };
}
