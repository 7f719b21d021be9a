import {
  CONFIGURATION_DEFAULTS,
  Currency,
  INVOICE_CATALOG_PRODUCTS_MAX,
  type InvoiceCatalog,
  TaxCategory,
  TaxRateString,
} from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { plainDecimal } from './invoiceResources';

const TAX_KEYS = TaxCategory.options.map((category) => `tax_rate.${category}` as const);

/** The organization's configured value of a key when it is valid, else the documented default. */
function configured<T>(rows: Map<string, unknown>, key: string, parse: (value: unknown) => T | undefined, fallback: T) {
  const value = rows.has(key) ? parse(rows.get(key)) : undefined;
  return value ?? fallback;
}

/** Tax rates per category (configuration `tax_rate.<category>`, else CONFIGURATION_DEFAULTS). */
export function taxRatesFrom(rows: Map<string, unknown>): Record<TaxCategory, string> {
  const rates = {} as Record<TaxCategory, string>;
  for (const category of TaxCategory.options) {
    const key = `tax_rate.${category}` as const;
    const parse = (value: unknown) => {
      const parsed = TaxRateString.safeParse(typeof value === 'number' ? String(value) : value);
      return parsed.success ? plainDecimal(parsed.data) : undefined;
    };
    rates[category] = configured(rows, key, parse, CONFIGURATION_DEFAULTS[key]);
  }
  return rates;
}

/**
 * What the invoice form needs: the caller's active products and the tax
 * rates the processor will apply, so the live preview prices lines alike.
 */
export async function loadInvoiceCatalog(organizationId: string): Promise<InvoiceCatalog> {
  const [products, configurations] = await Promise.all([
    useDb().product.findMany({
      where: { organizationId, isActive: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: INVOICE_CATALOG_PRODUCTS_MAX,
    }),
    useDb().configuration.findMany({
      where: { organizationId, key: { in: [...TAX_KEYS, 'default_currency'] } },
    }),
  ]);
  const rows = new Map(configurations.map((row) => [row.key, row.value as unknown]));
  const currency = Currency.safeParse(rows.get('default_currency'));
  return {
    defaultCurrency: currency.success ? currency.data : CONFIGURATION_DEFAULTS.default_currency,
    taxRates: taxRatesFrom(rows),
    products: products.flatMap((product) => {
      const productCurrency = Currency.safeParse(product.currency);
      const taxCategory = TaxCategory.safeParse(product.taxCategory);
      // A row the contract cannot describe is left out of the picker rather than failing the form.
      if (!productCurrency.success || !taxCategory.success) return [];
      return [
        {
          id: product.id,
          sku: product.sku,
          name: product.name,
          // All four stored decimals: the processor prices from them too.
          unitPrice: plainDecimal(product.unitPrice),
          currency: productCurrency.data,
          taxCategory: taxCategory.data,
        },
      ];
    }),
  };
}
