import { MoneyDecimal } from '@billstream/contracts';

/** A tax rate fraction as a percent label: "0.2" → "20 %". */
export function percentLabel(rate: string): string {
  return `${new MoneyDecimal(rate).times(100).toFixed()} %`;
}
