import { MoneyDecimal } from '@billstream/contracts';

/** Most shares one allocation splits into (one per invoice line). */
export const ALLOCATION_SHARES_MAX = 10_000;

/**
 * AMOUNT_DISCOUNT_RULE: splits `totalUnits` whole minor units across `weights`
 * (minor units, ≥ 0) in proportion, largest remainder first, earlier share on
 * ties. The result always sums to `totalUnits` exactly; no share exceeds its
 * weight when `totalUnits` ≤ Σ weights.
 */
export function allocateProportionally(totalUnits: MoneyDecimal, weights: readonly MoneyDecimal[]): MoneyDecimal[] {
  if (!totalUnits.isInteger() || totalUnits.isNegative()) throw new Error('allocation total must be whole and ≥ 0');
  if (weights.length === 0 || weights.length > ALLOCATION_SHARES_MAX)
    throw new Error('allocation needs 1..10000 shares');
  const weightSum = weights.reduce((sum, weight) => sum.plus(weight), new MoneyDecimal(0));
  if (weightSum.isZero()) {
    if (!totalUnits.isZero()) throw new Error('cannot allocate onto zero weights');
    return weights.map(() => new MoneyDecimal(0));
  }
  const exact = weights.map((weight) => totalUnits.times(weight).div(weightSum));
  const shares = exact.map((value) => value.floor());
  let leftover = totalUnits.minus(shares.reduce((sum, share) => sum.plus(share), new MoneyDecimal(0))).toNumber();
  const order = exact
    .map((value, index) => ({ index, remainder: value.minus(value.floor()) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of order) {
    if (leftover <= 0) break;
    shares[index] = shares[index]!.plus(1);
    leftover -= 1;
  }
  if (leftover !== 0) throw new Error('allocation left units over');
  return shares;
}
