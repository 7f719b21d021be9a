import { computeInvoiceTotals } from '@billstream/billing';
import type { InvoiceCatalog } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import {
  emptyLine,
  type InvoiceFormState,
  previewTotals,
  toCreateInvoiceBody,
  validateInvoiceForm,
} from './invoiceForm';

const PRODUCT = '00000000-0000-4000-8000-0000000000b1';
const catalog: InvoiceCatalog = {
  defaultCurrency: 'USD',
  taxRates: { standard: '0.2', reduced: '0.05', zero: '0', exempt: '0' },
  products: [{ id: PRODUCT, sku: 'P1', name: 'Widget', unitPrice: '19.99', currency: 'USD', taxCategory: 'standard' }],
};

function state(overrides: Partial<InvoiceFormState> = {}): InvoiceFormState {
  return {
    accountId: '00000000-0000-4000-8000-0000000000aa',
    currency: undefined,
    priceMode: 'tax_exclusive',
    lines: [{ ...emptyLine('product'), productId: PRODUCT, quantity: '3' }],
    discounts: [],
    draft: false,
    memo: '',
    ...overrides,
  };
}

describe('toCreateInvoiceBody', () => {
  it('leaves empty optional fields out and keeps product lines unpriced (the processor prices them)', () => {
    expect(toCreateInvoiceBody(state())).toEqual({
      accountId: '00000000-0000-4000-8000-0000000000aa',
      priceMode: 'tax_exclusive',
      lines: [{ productId: PRODUCT, quantity: '3' }],
      discounts: [],
      draft: false,
    });
  });
});

describe('validateInvoiceForm', () => {
  it('accepts a complete form', () => {
    expect(validateInvoiceForm(state())).toEqual([]);
  });

  it('names the field to fix on each bad line and discount', () => {
    const errors = validateInvoiceForm(
      state({
        accountId: '',
        lines: [{ ...emptyLine('product') }, { ...emptyLine('free'), description: 'Setup', unitPrice: 'abc' }],
        discounts: [{ kind: 'percent', value: '150', description: '' }],
      }),
    );
    expect(errors.map((error) => error.name).sort()).toEqual([
      'accountId',
      'discounts.0.percent',
      'lines.0.productId',
      'lines.1.unitPrice',
    ]);
  });
});

describe('previewTotals', () => {
  it('prices with the catalog exactly as computeInvoiceTotals does', () => {
    const form = state({
      lines: [
        { ...emptyLine('product'), productId: PRODUCT, quantity: '3' },
        { ...emptyLine('free'), description: 'Setup', unitPrice: '10.005', quantity: '1', taxCategory: 'reduced' },
      ],
      discounts: [{ kind: 'amount', value: '5', description: '' }],
    });
    const expected = computeInvoiceTotals({
      currency: 'USD',
      priceMode: 'tax_exclusive',
      lines: [
        {
          productId: PRODUCT,
          description: 'Widget',
          quantity: '3',
          unitPrice: '19.99',
          taxCategory: 'standard',
          taxRate: '0.2',
        },
        {
          productId: null,
          description: 'Setup',
          quantity: '1',
          unitPrice: '10.005',
          taxCategory: 'reduced',
          taxRate: '0.05',
        },
      ],
      discounts: [{ kind: 'amount', amount: '5' }],
    });
    const preview = previewTotals(form, catalog, 'USD');
    expect(preview).toEqual(expected);
    expect(preview?.ok && preview.totals.subtotal).toBe('69.98');
  });

  it('skips incomplete lines and invalid discounts, and shows nothing without a complete line', () => {
    expect(previewTotals(state({ lines: [emptyLine('product')] }), catalog, 'USD')).toBeUndefined();
    const preview = previewTotals(
      state({
        lines: [
          { ...emptyLine('product'), productId: PRODUCT, quantity: '1' },
          { ...emptyLine('free'), quantity: 'x' },
        ],
        discounts: [{ kind: 'percent', value: '', description: '' }],
      }),
      catalog,
      'USD',
    );
    expect(preview?.ok && preview.totals).toMatchObject({ subtotal: '19.99', tax: '4.00', total: '23.99' });
  });

  it('reports discounts larger than the lines as the rules do', () => {
    const preview = previewTotals(
      state({ discounts: [{ kind: 'amount', value: '1000', description: '' }] }),
      catalog,
      'USD',
    );
    expect(preview).toMatchObject({ ok: false, reason: 'total_negative' });
  });
});
