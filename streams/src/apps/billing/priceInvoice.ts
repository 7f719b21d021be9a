import { computeInvoiceTotals, type InvoiceTotals, type PricedLineInput } from '@billstream/billing';
import {
  type BillingRejectionReason,
  type CreateInvoiceData,
  type InvoiceLineInput,
  MoneyDecimal,
  type TaxCategory,
} from '@billstream/contracts';
import type { MasterData } from './masterData.ts';

export type PriceResult =
  | { readonly ok: true; readonly totals: InvoiceTotals }
  | { readonly ok: false; readonly reason: BillingRejectionReason; readonly detail: string };

type LineResult = { ok: true; line: PricedLineInput } | { ok: false; reason: BillingRejectionReason; detail: string };

/**
 * Enriches a CreateInvoice from master data (account, product prices, tax
 * rates) and prices it with the shared billing rules. Pure given the
 * master-data snapshot, so a replay prices the same invoice the same way.
 */
export function priceInvoice(data: CreateInvoiceData, master: MasterData): PriceResult {
  const account = master.account(data.organizationId, data.accountId);
  if (account === null)
    return { ok: false, reason: 'account_not_found', detail: `account ${data.accountId} is unknown` };
  if (account.status !== 'active') {
    return { ok: false, reason: 'account_not_active', detail: `account ${account.accountNumber} is ${account.status}` };
  }
  if (account.currency !== data.currency) {
    return { ok: false, reason: 'currency_mismatch', detail: `account currency is ${account.currency}` };
  }
  const lines: PricedLineInput[] = [];
  for (const [index, input] of data.lines.entries()) {
    const resolved = resolveLine(input, index, data, master);
    if (!resolved.ok) return resolved;
    lines.push(resolved.line);
  }
  const result = computeInvoiceTotals({
    currency: data.currency,
    priceMode: data.priceMode,
    lines,
    discounts: data.discounts,
  });
  return result.ok ? { ok: true, totals: result.totals } : result;
}

function resolveLine(input: InvoiceLineInput, index: number, data: CreateInvoiceData, master: MasterData): LineResult {
  // "0.200000" and "0.2" are one rate: normalise so lines and events carry one spelling.
  const taxRate = (category: TaxCategory) =>
    new MoneyDecimal(master.config(data.organizationId, `tax_rate.${category}`)).toFixed();
  if (!('productId' in input)) {
    return {
      ok: true,
      line: { productId: null, ...input, taxRate: taxRate(input.taxCategory) },
    };
  }
  const product = master.product(data.organizationId, input.productId);
  const where = `line ${index + 1}`;
  if (product === null)
    return { ok: false, reason: 'product_not_found', detail: `${where}: product ${input.productId} is unknown` };
  if (!product.isActive)
    return { ok: false, reason: 'product_inactive', detail: `${where}: ${product.sku} is inactive` };
  if (product.currency !== data.currency) {
    return {
      ok: false,
      reason: 'currency_mismatch',
      detail: `${where}: ${product.sku} is priced in ${product.currency}`,
    };
  }
  return {
    ok: true,
    line: {
      productId: product.id,
      description: input.description ?? product.name,
      quantity: input.quantity,
      unitPrice: product.unitPrice,
      taxCategory: product.taxCategory,
      taxRate: taxRate(product.taxCategory),
    },
  };
}
