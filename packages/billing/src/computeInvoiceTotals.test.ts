import { describe, expect, it } from 'vitest';
import { computeInvoiceTotals, type PricedLineInput } from './computeInvoiceTotals.ts';

const line = (quantity: string, unitPrice: string, taxRate: string, taxCategory = 'standard'): PricedLineInput => ({
  productId: null,
  description: 'item',
  quantity,
  unitPrice,
  taxCategory: taxCategory as PricedLineInput['taxCategory'],
  taxRate,
});

function totals(input: Parameters<typeof computeInvoiceTotals>[0]) {
  const result = computeInvoiceTotals(input);
  if (!result.ok) throw new Error(result.detail);
  return result.totals;
}

describe('computeInvoiceTotals', () => {
  it.each([
    // currency, mode, qty, price, rate → subtotal, tax, total
    ['USD', 'tax_exclusive', '1', '10.00', '0.2', '10.00', '2.00', '12.00'],
    ['USD', 'tax_exclusive', '3', '0.335', '0.2', '1.01', '0.20', '1.21'], // 1.005 rounds half up
    ['USD', 'tax_exclusive', '1', '0.125', '0.2', '0.13', '0.03', '0.16'], // 0.026 → 0.03
    ['USD', 'tax_inclusive', '1', '12.00', '0.2', '12.00', '2.00', '12.00'],
    ['USD', 'tax_inclusive', '1', '10.00', '0.21', '10.00', '1.74', '10.00'], // net 8.2645 → 8.26
    ['EUR', 'tax_exclusive', '2.5', '3.99', '0.07', '9.98', '0.70', '10.68'], // 9.975 → 9.98
    ['JPY', 'tax_exclusive', '3', '333', '0.1', '999', '100', '1099'], // 99.9 → 100
    ['KWD', 'tax_exclusive', '1', '1.2345', '0.05', '1.235', '0.062', '1.297'], // 0.06175 → 0.062
    ['USD', 'tax_exclusive', '7', '19.99', '0', '139.93', '0.00', '139.93'], // zero-rated
    ['USD', 'tax_inclusive', '1', '9.99', '0', '9.99', '0.00', '9.99'],
  ])('%s %s %s × %s at %s', (currency, priceMode, quantity, unitPrice, rate, subtotal, tax, total) => {
    const result = totals({
      currency: currency as 'USD',
      priceMode: priceMode as 'tax_exclusive',
      lines: [line(quantity, unitPrice, rate)],
      discounts: [],
    });
    expect({ subtotal: result.subtotal, tax: result.tax, total: result.total }).toEqual({ subtotal, tax, total });
  });

  it('rounds tax per line, not on the invoice sum', () => {
    // Three lines of 0.05 at 10 %: each line's tax is 0.005 → 0.01, so 0.03; a sum-then-round would give 0.02.
    const result = totals({
      currency: 'USD',
      priceMode: 'tax_exclusive',
      lines: [line('1', '0.05', '0.1'), line('1', '0.05', '0.1'), line('1', '0.05', '0.1')],
      discounts: [],
    });
    expect(result.tax).toBe('0.03');
    expect(result.total).toBe('0.18');
  });

  it('adds percent discounts and allocates a fixed discount to the cent', () => {
    const result = totals({
      currency: 'USD',
      priceMode: 'tax_exclusive',
      lines: [line('1', '10.00', '0.2'), line('1', '20.00', '0.2'), line('1', '30.00', '0')],
      discounts: [
        { kind: 'percent', percent: '10' },
        { kind: 'amount', amount: '1.00' },
      ],
    });
    expect(result.lines.map((l) => l.discount)).toEqual(['1.17', '2.33', '3.50']);
    expect(result.discount).toBe('7.00');
    expect(result.subtotal).toBe('60.00');
    // Tax on the discounted nets: 8.83 × 0.2 = 1.766 → 1.77, 17.67 × 0.2 = 3.534 → 3.53.
    expect(result.tax).toBe('5.30');
    expect(result.total).toBe('58.30');
  });

  it('refuses discounts larger than the lines, as a value', () => {
    const result = computeInvoiceTotals({
      currency: 'USD',
      priceMode: 'tax_exclusive',
      lines: [line('1', '5.00', '0.2')],
      discounts: [{ kind: 'amount', amount: '5.01' }],
    });
    expect(result).toMatchObject({ ok: false, reason: 'total_negative' });
  });

  it('prices many lines and several currencies consistently', () => {
    const lines = Array.from({ length: 1000 }, (_, i) =>
      line(String((i % 7) + 1), `${i % 50}.${i % 10}5`, i % 3 ? '0.2' : '0.05'),
    );
    for (const currency of ['USD', 'JPY', 'KWD'] as const) {
      const prices =
        currency === 'JPY' ? lines.map((l) => ({ ...l, unitPrice: String(Math.floor(Number(l.unitPrice))) })) : lines;
      const result = totals({ currency, priceMode: 'tax_exclusive', lines: prices, discounts: [] });
      expect(result.lines).toHaveLength(1000);
      expect(result.lines.at(-1)?.position).toBe(1000);
    }
  });

  it('asserts a programmer error: no lines', () => {
    expect(() =>
      computeInvoiceTotals({ currency: 'USD', priceMode: 'tax_exclusive', lines: [], discounts: [] }),
    ).toThrow();
  });
});

describe('computeInvoiceTotals at the edge of the money range', () => {
  const priced = (lines: PricedLineInput[], priceMode: 'tax_exclusive' | 'tax_inclusive' = 'tax_exclusive') =>
    computeInvoiceTotals({ currency: 'USD', priceMode, lines, discounts: [] });

  it('prices the largest line the range holds', () => {
    expect(priced([line('1', '999999999999999.99', '0')])).toMatchObject({
      ok: true,
      totals: { total: '999999999999999.99' },
    });
  });

  it('refuses a line whose quantity × unit price overflows, naming the line', () => {
    expect(priced([line('1', '1.00', '0'), line('999999999999999', '999999999999999.99', '0')])).toEqual({
      ok: false,
      reason: 'amount_out_of_range',
      detail: expect.stringMatching(/^line 2 /),
    });
  });

  it('refuses a line whose tax pushes it over the range', () => {
    expect(priced([line('1', '999999999999999.99', '0.2')])).toMatchObject({
      ok: false,
      reason: 'amount_out_of_range',
    });
  });

  it('refuses an invoice whose lines fit but whose total does not', () => {
    const half = line('1', '600000000000000.00', '0');
    expect(priced([half, half])).toMatchObject({
      ok: false,
      reason: 'amount_out_of_range',
      detail: expect.stringContaining('total'),
    });
  });
});
