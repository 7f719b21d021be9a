import { CURRENCY_MINOR_UNITS, type CurrencyCode, type InvoiceDiscount, type PriceMode } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { computeInvoiceTotals, type PricedLineInput } from './computeInvoiceTotals.ts';

/**
 * The money oracle: a second, independent implementation of the billing rules
 * in plain BigInt fixed-point arithmetic (no decimal.js, no shared helpers),
 * checked against computeInvoiceTotals on generated invoices to the cent.
 */
const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);
const INVOICES = 10_000;

function parse(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole!) * ONE + BigInt(fraction.padEnd(SCALE, '0'));
  return negative ? -value : value;
}

/** Half away from zero division of integers. */
function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** Rounds a SCALE fixed-point value to minor units, returned as an integer of minor units. */
function toMinorRounded(value: bigint, units: number): bigint {
  return divRound(value, 10n ** BigInt(SCALE - units));
}

function format(minor: bigint, units: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(units + 1, '0');
  const text = units === 0 ? digits : `${digits.slice(0, -units)}.${digits.slice(-units)}`;
  return negative ? `-${text}` : text;
}

interface OracleTotals {
  lineTotals: string[];
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
}

function oracle(
  currency: CurrencyCode,
  mode: PriceMode,
  lines: PricedLineInput[],
  discounts: InvoiceDiscount[],
): OracleTotals | null {
  const units = CURRENCY_MINOR_UNITS[currency];
  const base = lines.map((line) => toMinorRounded((parse(line.quantity) * parse(line.unitPrice)) / ONE, units));
  let percent = discounts.reduce((sum, d) => (d.kind === 'percent' ? sum + parse(d.percent) : sum), 0n);
  if (percent > 100n * ONE) percent = 100n * ONE;
  const pct = base.map((b) => divRound(b * percent, 100n * ONE));
  const rest = base.map((b, i) => b - pct[i]!);
  const fixed = discounts.reduce(
    (sum, d) => (d.kind === 'amount' ? sum + toMinorRounded(parse(d.amount), units) : sum),
    0n,
  );
  const weights = rest.map((r) => (r > 0n ? r : 0n));
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (fixed > weightSum) return null;
  const alloc = weights.map((w) => (weightSum === 0n ? 0n : (fixed * w) / weightSum));
  const remainders = weights.map((w, i) => ({ i, r: weightSum === 0n ? 0n : (fixed * w) % weightSum }));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = fixed - alloc.reduce((a, b) => a + b, 0n);
  for (const { i } of remainders) {
    if (left === 0n) break;
    alloc[i]! += 1n;
    left -= 1n;
  }
  let tax = 0n;
  let total = 0n;
  const lineTotals: string[] = [];
  lines.forEach((line, i) => {
    const discounted = rest[i]! - alloc[i]!;
    const rate = parse(line.taxRate);
    let lineTax: bigint;
    let lineTotal: bigint;
    if (mode === 'tax_exclusive') {
      lineTax = divRound(discounted * rate, ONE);
      lineTotal = discounted + lineTax;
    } else {
      const net = divRound(discounted * ONE, ONE + rate);
      lineTax = discounted - net;
      lineTotal = discounted;
    }
    tax += lineTax;
    total += lineTotal;
    lineTotals.push(format(lineTotal, units));
  });
  const subtotal = base.reduce((a, b) => a + b, 0n);
  const discount = pct.reduce((a, b) => a + b, 0n) + fixed;
  return {
    lineTotals,
    subtotal: format(subtotal, units),
    discount: format(discount, units),
    tax: format(tax, units),
    total: format(total, units),
  };
}

/** mulberry32: a small seeded generator so a failure names its seed and replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CURRENCIES: CurrencyCode[] = ['USD', 'EUR', 'JPY', 'KWD', 'GBP'];
const RATES = ['0', '0.05', '0.07', '0.075', '0.0725', '0.19', '0.2', '0.21', '0.25'];

function decimal(next: () => number, maxWhole: number, fractionDigits: number): string {
  const whole = Math.floor(next() * maxWhole);
  if (fractionDigits === 0) return String(whole);
  const fraction = String(Math.floor(next() * 10 ** fractionDigits)).padStart(fractionDigits, '0');
  return `${whole}.${fraction}`;
}

function generate(next: () => number) {
  const currency = CURRENCIES[Math.floor(next() * CURRENCIES.length)]!;
  const mode: PriceMode = next() < 0.5 ? 'tax_exclusive' : 'tax_inclusive';
  const count = 1 + Math.floor(next() * (next() < 0.05 ? 200 : 12));
  const lines: PricedLineInput[] = Array.from({ length: count }, () => ({
    productId: null,
    description: 'generated',
    quantity: decimal(next, 20, Math.floor(next() * 5)).replace(/^0(\.0*)?$/, '1'),
    unitPrice: decimal(next, 5000, Math.floor(next() * 5)),
    taxCategory: 'standard' as const,
    taxRate: RATES[Math.floor(next() * RATES.length)]!,
  }));
  const discounts: InvoiceDiscount[] = [];
  if (next() < 0.3) discounts.push({ kind: 'percent', percent: decimal(next, 60, 2).replace(/^0\.00$/, '5') });
  if (next() < 0.3) discounts.push({ kind: 'amount', amount: decimal(next, 500, 2).replace(/^0\.00$/, '1') });
  return { currency, mode, lines, discounts };
}

describe('money oracle', () => {
  it(`agrees to the cent on ${INVOICES} generated invoices`, () => {
    const seed = 20261125;
    const next = random(seed);
    let compared = 0;
    let refused = 0;
    for (let n = 0; n < INVOICES; n += 1) {
      const invoice = generate(next);
      const expected = oracle(invoice.currency, invoice.mode, invoice.lines, invoice.discounts);
      const actual = computeInvoiceTotals({
        currency: invoice.currency,
        priceMode: invoice.mode,
        lines: invoice.lines,
        discounts: invoice.discounts,
      });
      if (expected === null) {
        expect(actual.ok, `invoice ${n} (seed ${seed})`).toBe(false);
        refused += 1;
        continue;
      }
      if (!actual.ok) throw new Error(`invoice ${n} (seed ${seed}) refused: ${actual.detail}`);
      const got = actual.totals;
      expect(
        {
          lineTotals: got.lines.map((l) => l.total),
          subtotal: got.subtotal,
          discount: got.discount,
          tax: got.tax,
          total: got.total,
        },
        `invoice ${n} (seed ${seed}) ${JSON.stringify(invoice)}`,
      ).toEqual(expected);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(INVOICES * 0.9);
    expect(compared + refused).toBe(INVOICES);
    // Generous: the check is about cents, not speed, and the machine may be busy.
  }, 300_000);
});
