import { computeInvoiceTotals, type PricedLineInput, type TotalsResult } from '@billstream/billing';
import {
  CreateInvoiceBody,
  type CreateInvoiceInput,
  type CurrencyCode,
  type InvoiceCatalog,
  InvoiceDiscount,
  type InvoiceLineInput,
  MoneyString,
  PositiveMoneyString,
  type PriceMode,
  type TaxCategory,
} from '@billstream/contracts';
import { flattenUnionIssues } from '../../shared/validation/zodIssues';

/** One line as the form edits it: a product from the catalog or a free line with its own price. */
export interface FormLine {
  kind: 'product' | 'free';
  productId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxCategory: TaxCategory;
}

export interface FormDiscount {
  kind: 'percent' | 'amount';
  value: string;
  description: string;
}

export interface InvoiceFormState {
  accountId: string;
  currency: CurrencyCode | undefined;
  priceMode: PriceMode;
  lines: FormLine[];
  discounts: FormDiscount[];
  draft: boolean;
  memo: string;
}

export function emptyLine(kind: FormLine['kind'] = 'product'): FormLine {
  return { kind, productId: '', description: '', quantity: '1', unitPrice: '', taxCategory: 'standard' };
}

function lineInput(line: FormLine): InvoiceLineInput {
  const description = line.description.trim();
  if (line.kind === 'product') {
    return { productId: line.productId, quantity: line.quantity.trim(), ...(description ? { description } : {}) };
  }
  return {
    description,
    quantity: line.quantity.trim(),
    unitPrice: line.unitPrice.trim(),
    taxCategory: line.taxCategory,
  };
}

function discountInput(discount: FormDiscount): InvoiceDiscount {
  const description = discount.description.trim();
  const extra = description ? { description } : {};
  return discount.kind === 'percent'
    ? { kind: 'percent', percent: discount.value.trim(), ...extra }
    : { kind: 'amount', amount: discount.value.trim(), ...extra };
}

/** The POST /api/v1/invoices body the form state stands for (empty optional fields left out). */
export function toCreateInvoiceBody(state: InvoiceFormState): CreateInvoiceInput {
  const memo = state.memo.trim();
  return {
    accountId: state.accountId,
    ...(state.currency ? { currency: state.currency } : {}),
    priceMode: state.priceMode,
    lines: state.lines.map(lineInput),
    discounts: state.discounts.map(discountInput),
    draft: state.draft,
    ...(memo ? { memo } : {}),
  };
}

/**
 * Form errors from the contract schema the API validates with, named like
 * the UFormField names (`lines.0.quantity`); a failed line union reports the
 * issues of the kind of line it is, exactly as the API's problem would.
 */
export function validateInvoiceForm(state: InvoiceFormState): { name: string; message: string }[] {
  const result = CreateInvoiceBody.safeParse(toCreateInvoiceBody(state));
  if (result.success) return [];
  return flattenUnionIssues(result.error.issues).map((issue) => ({
    name: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** A form line priced the way the processor will price it, or undefined while it is incomplete. */
function pricedLine(line: FormLine, catalog: InvoiceCatalog): PricedLineInput | undefined {
  if (!PositiveMoneyString.safeParse(line.quantity.trim()).success) return undefined;
  if (line.kind === 'product') {
    const product = catalog.products.find((entry) => entry.id === line.productId);
    if (!product) return undefined;
    return {
      productId: product.id,
      description: line.description.trim() || product.name,
      quantity: line.quantity.trim(),
      unitPrice: product.unitPrice,
      taxCategory: product.taxCategory,
      taxRate: catalog.taxRates[product.taxCategory] ?? '0',
    };
  }
  if (!MoneyString.safeParse(line.unitPrice.trim()).success || line.unitPrice.trim().startsWith('-')) return undefined;
  return {
    productId: null,
    description: line.description.trim() || '—',
    quantity: line.quantity.trim(),
    unitPrice: line.unitPrice.trim(),
    taxCategory: line.taxCategory,
    taxRate: catalog.taxRates[line.taxCategory] ?? '0',
  };
}

/**
 * The live preview: the complete lines and valid discounts priced by the
 * same computeInvoiceTotals the billing processor runs, so the cents shown
 * are the cents the invoice will have. Undefined while no line is complete.
 */
export function previewTotals(
  state: InvoiceFormState,
  catalog: InvoiceCatalog,
  currency: CurrencyCode,
): TotalsResult | undefined {
  const lines = state.lines.flatMap((line) => {
    const priced = pricedLine(line, catalog);
    return priced ? [priced] : [];
  });
  if (lines.length === 0) return undefined;
  const discounts = state.discounts.flatMap((discount) => {
    const parsed = InvoiceDiscount.safeParse(discountInput(discount));
    return parsed.success ? [parsed.data] : [];
  });
  return computeInvoiceTotals({ currency, priceMode: state.priceMode, lines, discounts });
}
