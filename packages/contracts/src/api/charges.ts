import { z } from 'zod';
import { MoneyDecimal, MoneyString } from '../money.ts';

/**
 * Usage charge definitions: how a period's quantity of one billable metric
 * becomes money. The arithmetic lives in @billstream/billing (charges.ts);
 * these schemas are the one wire shape of a definition.
 */

/** Most tiers one graduated or volume charge may have. */
export const CHARGE_TIERS_MAX = 50;
/** Unit prices may be finer than a cent (0.0001 per API call): up to 10 fraction digits. */
export const UNIT_PRICE_FRACTION_DIGITS_MAX = 10;
/** Quantities (units, tier bounds): up to 20 integer and 10 fraction digits. */
export const QUANTITY_INTEGER_DIGITS_MAX = 20;
export const QUANTITY_FRACTION_DIGITS_MAX = 10;

const UNIT_PRICE_PATTERN = /^(0|[1-9]\d{0,14})(\.\d{1,10})?$/;
const QUANTITY_PATTERN = /^(0|[1-9]\d{0,19})(\.\d{1,10})?$/;
const PERCENT_PATTERN = /^(0|[1-9]\d{0,2})(\.\d{1,4})?$/;

/** A non-negative unit price: "0.0001", "12.5" (15 integer, 10 fraction digits). */
export const UnitPriceString = z.string().regex(UNIT_PRICE_PATTERN, {
  message: 'must be a non-negative decimal string such as "0.0025" (at most 15 integer and 10 fraction digits)',
});
/** A non-negative quantity or tier bound: "1000", "2.5". */
export const UsageQuantityString = z.string().regex(QUANTITY_PATTERN, {
  message: 'must be a non-negative decimal string such as "1000" (at most 20 integer and 10 fraction digits)',
});
const NonNegativeMoney = MoneyString.refine((value) => !value.startsWith('-'), { message: 'must not be negative' });
/** A percentage from 0 to 100 with up to 4 fraction digits: "2.9". */
export const PercentString = z
  .string()
  .regex(PERCENT_PATTERN, { message: 'must be a decimal string from "0" to "100"', abort: true })
  .refine((value) => new MoneyDecimal(value).lte(100), { message: 'must be at most 100' });

/**
 * One tier. `upTo` is inclusive; null means "and above" and only the last
 * tier has it. `flatFee` is charged once when any unit falls in the tier.
 */
export const ChargeTier = z.strictObject({
  upTo: UsageQuantityString.nullable(),
  unitPrice: UnitPriceString,
  flatFee: NonNegativeMoney.default('0'),
});
export type ChargeTier = z.infer<typeof ChargeTier>;

/** Each bound must rise and only the last tier is open-ended. */
function tiersAreOrdered(tiers: readonly ChargeTier[], context: z.RefinementCtx): void {
  let previous = new MoneyDecimal(0);
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    if (tier.upTo === null) {
      if (!last) context.addIssue({ code: 'custom', message: 'only the last tier may be open', path: [index, 'upTo'] });
      return;
    }
    if (last) context.addIssue({ code: 'custom', message: 'the last tier must be open (null)', path: [index, 'upTo'] });
    const bound = new MoneyDecimal(tier.upTo);
    if (!bound.gt(previous))
      context.addIssue({ code: 'custom', message: 'must be above the previous bound', path: [index, 'upTo'] });
    previous = bound;
  });
}

const Tiers = z.array(ChargeTier).min(1, 'needs at least one tier').max(CHARGE_TIERS_MAX).superRefine(tiersAreOrdered);

export const StandardCharge = z.strictObject({ model: z.literal('standard'), unitPrice: UnitPriceString });
/** Each unit is priced by the tier it falls in (0–100 at one price, 101–1000 at another …). */
export const GraduatedCharge = z.strictObject({ model: z.literal('graduated'), tiers: Tiers });
/** All units are priced by the one tier the total falls in. */
export const VolumeCharge = z.strictObject({ model: z.literal('volume'), tiers: Tiers });
/** Per started package of `packageSize` units, after `freeUnits`. */
export const PackageCharge = z.strictObject({
  model: z.literal('package'),
  packageSize: z.number().int().min(1).max(1_000_000_000),
  packagePrice: NonNegativeMoney,
  freeUnits: z.number().int().min(0).max(1_000_000_000).default(0),
});
/** A percentage of each event's amount property, plus a fixed fee, clamped per event. */
export const PercentageCharge = z
  .strictObject({
    model: z.literal('percentage'),
    rate: PercentString,
    fixedFeePerEvent: NonNegativeMoney.default('0'),
    minPerEvent: NonNegativeMoney.nullable().default(null),
    maxPerEvent: NonNegativeMoney.nullable().default(null),
  })
  .refine(
    (charge) =>
      charge.minPerEvent === null ||
      charge.maxPerEvent === null ||
      new MoneyDecimal(charge.minPerEvent).lte(charge.maxPerEvent),
    { message: 'must not be below minPerEvent', path: ['maxPerEvent'] },
  );

export const ChargeModel = z.enum(['standard', 'graduated', 'volume', 'package', 'percentage']);
export type ChargeModel = z.infer<typeof ChargeModel>;

/** A charge definition, told apart by `model`. */
export const ChargeDefinition = z.discriminatedUnion('model', [
  StandardCharge,
  GraduatedCharge,
  VolumeCharge,
  PackageCharge,
  PercentageCharge,
]);
export type ChargeDefinition = z.infer<typeof ChargeDefinition>;
