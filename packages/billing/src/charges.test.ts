import { ChargeDefinition, CURRENCY_MINOR_UNITS, type CurrencyCode } from '@billstream/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCharge } from './charges.ts';

const charge = (definition: unknown) => ChargeDefinition.parse(definition);
const amountOf = (definition: unknown, quantity: string, currency: CurrencyCode = 'USD') => {
  const result = computeCharge(charge(definition), { quantity }, currency);
  return result.ok ? result.amount : result.reason;
};
const TIERS = [
  { upTo: '100', unitPrice: '0' },
  { upTo: '1000', unitPrice: '0.01', flatFee: '5' },
  { upTo: null, unitPrice: '0.005' },
];

describe('computeCharge (USAGE_CHARGE_RULE)', () => {
  it.each([
    ['0', '0.00'],
    ['10', '0.03'],
    ['3', '0.01'],
    ['-5', '0.00'],
  ])('standard at 0.0025 per unit: %s units → %s', (quantity, amount) => {
    expect(amountOf({ model: 'standard', unitPrice: '0.0025' }, quantity)).toBe(amount);
  });
  it.each([
    ['0', '0.00'],
    ['100', '0.00'],
    ['101', '5.01'],
    ['1000', '14.00'],
    ['1500', '16.50'],
  ])('graduated: %s units → %s', (quantity, amount) => {
    expect(amountOf({ model: 'graduated', tiers: TIERS }, quantity)).toBe(amount);
  });
  it('graduated lists each tier reached, and the lines add up to the amount', () => {
    const result = computeCharge(charge({ model: 'graduated', tiers: TIERS }), { quantity: '1500' }, 'USD');
    expect(result).toMatchObject({ ok: true, amount: '16.50', units: '1500' });
    if (!result.ok) return;
    expect(result.tiers.map((tier) => [tier.from, tier.units, tier.amount])).toEqual([
      ['0', '100', '0.00'],
      ['100', '900', '14.00'],
      ['1000', '500', '2.50'],
    ]);
  });
  it.each([
    ['0', '0.00'],
    ['100', '0.00'],
    ['101', '6.01'],
    ['1000', '15.00'],
    ['1500', '7.50'],
  ])('volume: %s units → %s (bounds inclusive)', (quantity, amount) => {
    expect(amountOf({ model: 'volume', tiers: TIERS }, quantity)).toBe(amount);
  });
  it.each([
    ['0', '0.00'],
    ['10', '0.00'],
    ['11', '5.00'],
    ['110', '5.00'],
    ['110.5', '10.00'],
  ])('package of 100 at 5.00 after 10 free: %s units → %s', (quantity, amount) => {
    expect(amountOf({ model: 'package', packageSize: 100, packagePrice: '5', freeUnits: 10 }, quantity)).toBe(amount);
  });
  it('percentage clamps each event, then rounds the sum once', () => {
    const definition = charge({
      model: 'percentage',
      rate: '2.9',
      fixedFeePerEvent: '0.3',
      minPerEvent: '0.5',
      maxPerEvent: '10',
    });
    const result = computeCharge(
      definition,
      { quantity: '0', eventAmounts: ['1', '100', '1000', '0.01', '-3'] },
      'USD',
    );
    // 0.329 → 0.5; 3.2; 29.3 → 10; 0.3003 → 0.5; −3 bills as 0 → 0.3 → 0.5
    expect(result).toEqual({ ok: true, amount: '14.70', units: '5', tiers: [] });
  });
  it('an amount past the money range is a value, not a throw', () => {
    expect(amountOf({ model: 'standard', unitPrice: '999999999999999' }, '2')).toBe('amount_out_of_range');
    const definition = charge({ model: 'percentage', rate: '100' });
    const amounts = ['999999999999999', '999999999999999'];
    expect(computeCharge(definition, { quantity: '0', eventAmounts: amounts }, 'USD')).toEqual({
      ok: false,
      reason: 'amount_out_of_range',
    });
  });
  it('rounds to the currency minor unit: JPY has none, KWD three', () => {
    expect(amountOf({ model: 'standard', unitPrice: '0.5' }, '3', 'JPY')).toBe('2');
    expect(amountOf({ model: 'standard', unitPrice: '0.0005' }, '3', 'KWD')).toBe('0.002');
  });
});

describe('ChargeDefinition', () => {
  it.each([
    [{ model: 'graduated', tiers: [{ upTo: '10', unitPrice: '1' }] }, 'tiers.0.upTo'],
    [
      {
        model: 'volume',
        tiers: [
          { upTo: null, unitPrice: '1' },
          { upTo: null, unitPrice: '1' },
        ],
      },
      'tiers.0.upTo',
    ],
    [
      {
        model: 'graduated',
        tiers: [
          { upTo: '10', unitPrice: '1' },
          { upTo: '10', unitPrice: '1' },
          { upTo: null, unitPrice: '1' },
        ],
      },
      'tiers.1.upTo',
    ],
    [{ model: 'standard', unitPrice: '-1' }, 'unitPrice'],
    [{ model: 'percentage', rate: '101' }, 'rate'],
    [{ model: 'percentage', rate: '1', minPerEvent: '5', maxPerEvent: '1' }, 'maxPerEvent'],
    [{ model: 'package', packageSize: 0, packagePrice: '1' }, 'packageSize'],
  ])('refuses %j, naming %s', (definition, path) => {
    const parsed = ChargeDefinition.safeParse(definition);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });
});

/**
 * The oracle: every charge model again, in BigInt fractions (value = n ÷ 10^40),
 * with no decimal.js and no shared helper. It returns minor units, or null
 * past the money range (15 integer digits).
 */
const SCALE = 40n;
const ONE = 10n ** SCALE;
function parse(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole!) * ONE + BigInt(fraction.padEnd(Number(SCALE), '0'));
}
const mul = (a: bigint, b: bigint) => (a * b) / ONE; // exact: both factors have ≤ 10 fraction digits here
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);
const minor = (value: bigint, units: number) => halfUp(value, 10n ** (SCALE - BigInt(units)));
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

function oracleMinor(definition: ChargeDefinition, quantity: string, amounts: string[], units: number): bigint | null {
  const q = parse(quantity);
  let total = 0n;
  if (definition.model === 'standard') total = minor(mul(q, parse(definition.unitPrice)), units);
  if (definition.model === 'package') {
    const size = BigInt(definition.packageSize) * ONE;
    const rest = max(q - BigInt(definition.freeUnits) * ONE, 0n);
    total = minor(((rest + size - 1n) / size) * parse(definition.packagePrice), units);
  }
  if (definition.model === 'graduated' || definition.model === 'volume') {
    let from = 0n;
    for (const tier of definition.tiers) {
      const top = tier.upTo === null ? q : min(q, parse(tier.upTo));
      const inTier = definition.model === 'graduated' ? top - from : q;
      const reached =
        definition.model === 'graduated' ? q > from : q > from && (tier.upTo === null || q <= parse(tier.upTo));
      if (reached) total += minor(mul(inTier, parse(tier.unitPrice)) + parse(tier.flatFee), units);
      if (tier.upTo === null) break;
      from = parse(tier.upTo);
    }
  }
  if (definition.model === 'percentage') {
    let exact = 0n;
    for (const amount of amounts) {
      let fee = mul(parse(amount), parse(definition.rate)) / 100n + parse(definition.fixedFeePerEvent);
      if (definition.minPerEvent !== null) fee = max(fee, parse(definition.minPerEvent));
      if (definition.maxPerEvent !== null) fee = min(fee, parse(definition.maxPerEvent));
      exact += fee;
    }
    total = minor(exact, units);
  }
  return total < 10n ** BigInt(15 + units) ? total : null;
}

const decimal = (wholeMax: bigint, fractionDigits: number) =>
  fc
    .tuple(
      fc.bigInt({ min: 0n, max: wholeMax }),
      fc.integer({ min: 0, max: fractionDigits }),
      fc.bigInt({ min: 0n, max: 10n ** 10n }),
    )
    .map(([whole, digits, fraction]) =>
      digits === 0 ? whole.toString() : `${whole}.${fraction.toString().padStart(10, '0').slice(0, digits)}`,
    );
const price = fc.oneof(decimal(10n, 10), decimal(999_999_999_999_999n, 4));
const money = decimal(1_000n, 2);
const tiers = fc.uniqueArray(decimal(100_000n, 2), { minLength: 0, maxLength: 5 }).chain((bounds) => {
  const sorted = bounds.filter((bound) => Number(bound) > 0).sort((a, b) => Number(a) - Number(b));
  return fc.tuple(
    ...[...sorted, null].map((upTo) => fc.record({ upTo: fc.constant(upTo), unitPrice: price, flatFee: money })),
  );
});
const definition = fc.oneof(
  fc.record({ model: fc.constant('standard'), unitPrice: price }),
  fc.record({ model: fc.constantFrom('graduated', 'volume'), tiers }),
  fc.record({
    model: fc.constant('package'),
    packageSize: fc.integer({ min: 1, max: 1000 }),
    packagePrice: price.filter((p) => p.split('.')[1] === undefined || p.split('.')[1]!.length <= 4),
    freeUnits: fc.integer({ min: 0, max: 500 }),
  }),
  fc.record({
    model: fc.constant('percentage'),
    rate: decimal(100n, 4).filter((rate) => Number(rate) <= 100),
    fixedFeePerEvent: money,
    minPerEvent: fc.option(money),
    maxPerEvent: fc.option(decimal(10_000n, 2)),
  }),
);

describe('USAGE_CHARGE_RULE against an exact-fraction oracle', () => {
  it('agrees to the minor unit on generated charges, quantities and events, out-of-range results included', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        definition
          .map((raw) => ChargeDefinition.safeParse(raw))
          .filter((parsed) => parsed.success)
          .map((parsed) => parsed.data!),
        fc.oneof(decimal(200_000n, 4), decimal(10n ** 20n - 1n, 10)),
        fc.array(fc.oneof(decimal(100_000n, 4), decimal(999_999_999_999_999n, 4)), { maxLength: 30 }),
        fc.constantFrom<CurrencyCode>('USD', 'JPY', 'KWD'),
        (generated, quantity, amounts, currency) => {
          const units = CURRENCY_MINOR_UNITS[currency];
          const expected = oracleMinor(generated, quantity, amounts, units);
          const result = computeCharge(generated, { quantity, eventAmounts: amounts }, currency);
          seen.add(`${generated.model}:${expected === null ? 'out of range' : 'in range'}`);
          if (expected === null) return !result.ok;
          return result.ok && BigInt(result.amount.replace('.', '')) === expected;
        },
      ),
      { numRuns: 3_000, seed: 0x5eed },
    );
    // The generators must reach every model, and past the range where a model can go there.
    for (const model of ['standard', 'graduated', 'volume', 'package', 'percentage'])
      expect(seen).toContain(`${model}:in range`);
    for (const model of ['standard', 'graduated', 'volume', 'percentage'])
      expect(seen).toContain(`${model}:out of range`);
    // About a second alone; a loaded two-core machine stretched it past vitest's 5 s default.
  }, 60_000);
});
