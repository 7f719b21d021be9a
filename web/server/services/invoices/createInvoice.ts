import { computeInvoiceTotals, type PricedLineInput } from '@billstream/billing';
import {
  type CreateInvoiceBody,
  type CurrencyCode,
  type InvoiceCommandAccepted,
  type ProblemField,
  TaxCategory,
} from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { findAccount } from '../accounts/findAccount';
import { taxRatesFrom } from './loadInvoiceCatalog';
import { rememberPendingInvoice } from './pendingInvoices';
import { buildBillingCommand, publishBillingCommand } from './publishBillingCommand';
import { type IdempotentResult, runIdempotently } from './runIdempotently';

export interface CreateInvoiceInput {
  readonly idempotencyKey: string;
  readonly rawBody: unknown;
  readonly body: CreateInvoiceBody;
  readonly requestId: string;
  readonly organizationId: string;
  readonly userId: string;
}

/** The account must be the caller's; the currency defaults to the account's and must match it. */
async function invoiceCurrency(body: CreateInvoiceBody, organizationId: string): Promise<CurrencyCode> {
  const account = await findAccount(body.accountId, organizationId);
  if (!account) {
    throw problems.notFound(`There is no account ${body.accountId}`, {
      name: 'body.accountId',
      reason: 'no such account',
    });
  }
  const currency = (body.currency ?? account.currency) as CurrencyCode;
  if (currency !== account.currency) {
    throw problems.invalid([{ name: 'body.currency', reason: `must be ${account.currency}, the account's currency` }]);
  }
  return currency;
}

/**
 * Product lines must name an active product of the caller's organization in
 * the invoice currency. The processor checks again (master data may change
 * in between); checking here names the bad line at once.
 */
async function checkProducts(body: CreateInvoiceBody, organizationId: string, currency: CurrencyCode) {
  const ids = body.lines.flatMap((line) => ('productId' in line ? [line.productId] : []));
  if (ids.length === 0) return new Map<string, { unitPrice: unknown; taxCategory: string }>();
  const products = await useDb().product.findMany({ where: { organizationId, id: { in: [...new Set(ids)] } } });
  const byId = new Map(products.map((product) => [product.id, product]));
  const fields: ProblemField[] = [];
  body.lines.forEach((line, index) => {
    if (!('productId' in line)) return;
    const product = byId.get(line.productId);
    const name = `body.lines.${index}.productId`;
    if (!product) fields.push({ name, reason: 'no such product' });
    else if (!product.isActive) fields.push({ name, reason: 'the product is inactive' });
    else if (product.currency !== currency)
      fields.push({ name, reason: `the product is priced in ${product.currency}` });
  });
  if (fields.length > 0) throw problems.invalid(fields);
  return byId;
}

type ProductPrices = Awaited<ReturnType<typeof checkProducts>>;

/**
 * Prices the invoice with the processor's own computeInvoiceTotals and the
 * organization's tax rates, so a line or total out of the money range is a
 * 422 now instead of a rejection later. The processor re-checks (prices and
 * rates may change in between).
 */
async function checkTotals(
  body: CreateInvoiceBody,
  organizationId: string,
  currency: CurrencyCode,
  products: ProductPrices,
) {
  const keys = TaxCategory.options.map((category) => `tax_rate.${category}`);
  const rows = await useDb().configuration.findMany({ where: { organizationId, key: { in: keys } } });
  const rates = taxRatesFrom(new Map(rows.map((row) => [row.key, row.value as unknown])));
  const lines: PricedLineInput[] = body.lines.map((line) => {
    const product = 'productId' in line ? products.get(line.productId) : undefined;
    const taxCategory = (
      product ? product.taxCategory : 'taxCategory' in line ? line.taxCategory : 'standard'
    ) as TaxCategory;
    const unitPrice = product ? String(product.unitPrice) : 'unitPrice' in line ? line.unitPrice : '0';
    return {
      productId: null,
      description: '',
      quantity: line.quantity,
      unitPrice,
      taxCategory,
      taxRate: rates[taxCategory],
    };
  });
  const priced = computeInvoiceTotals({ currency, priceMode: body.priceMode, lines, discounts: body.discounts });
  if (priced.ok || priced.reason !== 'amount_out_of_range') return;
  const line = /^line (\d+)/.exec(priced.detail);
  const name = line ? `body.lines.${Number(line[1]) - 1}` : 'body.lines';
  throw problems.unprocessable(`The invoice cannot be priced: ${priced.detail}`, 'amount-out-of-range', [
    { name, reason: priced.detail },
  ]);
}

async function execute(invoiceId: string, input: CreateInvoiceInput): Promise<InvoiceCommandAccepted> {
  const { body, organizationId } = input;
  const currency = await invoiceCurrency(body, organizationId);
  const products = await checkProducts(body, organizationId, currency);
  await checkTotals(body, organizationId, currency, products);
  const now = new Date();
  const command = buildBillingCommand(
    'CreateInvoice',
    {
      invoiceId,
      organizationId,
      accountId: body.accountId,
      currency,
      priceMode: body.priceMode,
      lines: body.lines,
      discounts: body.discounts,
      draft: body.draft,
      collection: body.collection,
      ...(body.memo ? { memo: body.memo } : {}),
      requestedBy: input.userId,
      requestedAt: now.toISOString(),
    },
    now,
  );
  // Remembered before producing: once the record exists the processor may
  // write the row at any moment, and GET must never answer 404 in between.
  await rememberPendingInvoice({
    invoiceId,
    organizationId,
    accountId: body.accountId,
    currency,
    priceMode: body.priceMode,
    memo: body.memo ?? null,
    collection: body.collection,
    requestedAt: now.toISOString(),
  }).catch(() => {
    throw problems.unavailable(
      'The pending-command store is not reachable right now; retry with the same Idempotency-Key',
    );
  });
  await publishBillingCommand(command, input.requestId);
  const self = `/api/v1/invoices/${invoiceId}`;
  return {
    invoiceId,
    commandId: invoiceId,
    command: 'CreateInvoice',
    status: 'pending',
    links: { self, invoice: self },
  };
}

/** POST /api/v1/invoices: checks, then CreateInvoice on billing-commands (acks=all), once per Idempotency-Key. */
export function createInvoice(input: CreateInvoiceInput): Promise<IdempotentResult<InvoiceCommandAccepted>> {
  return runIdempotently(
    {
      operation: 'POST /api/v1/invoices',
      organizationId: input.organizationId,
      idempotencyKey: input.idempotencyKey,
      rawBody: input.rawBody,
    },
    (invoiceId) => execute(invoiceId, input),
  );
}
