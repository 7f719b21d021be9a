import { type InvoiceDetailResource, MoneyDecimal } from '@billstream/contracts';

/** Who issues and who receives the invoice, beside the invoice itself. */
export interface InvoiceDocument {
  readonly invoice: InvoiceDetailResource;
  readonly organizationName: string;
  readonly customerName: string | null;
  /** Lines under the seller's name (legal name, address, tax id, e-mail). */
  readonly sellerLines?: readonly string[];
  /** Lines under the customer's name (address, tax id, billing e-mail). */
  readonly customerLines?: readonly string[];
}

function extraLines(lines: readonly string[] | undefined): string {
  return (lines ?? []).map((line) => `<br>${escapeHtml(line)}`).join('');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every text that came from a user passes here: the document must never carry markup it did not make. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** A tax rate fraction as a percent: "0.2" → "20 %". */
export function percentOf(rate: string): string {
  return `${new MoneyDecimal(rate).times(100).toFixed()} %`;
}

export function documentTitle(invoice: InvoiceDetailResource): string {
  return invoice.invoiceNumber ? `Invoice ${invoice.invoiceNumber}` : `Draft invoice ${invoice.id.slice(0, 8)}`;
}

function lineRows(invoice: InvoiceDetailResource): string {
  return invoice.lines
    .map(
      (line) =>
        `<tr><td>${line.position}</td><td>${escapeHtml(line.description)}</td><td class="n">${line.quantity}</td>` +
        `<td class="n">${line.unitPrice}</td><td class="n">${line.discount}</td>` +
        `<td class="n">${percentOf(line.taxRate)}</td><td class="n">${line.taxAmount}</td><td class="n">${line.total}</td></tr>`,
    )
    .join('\n');
}

function totalRows(invoice: InvoiceDetailResource): string {
  const rows: [string, string][] = [
    ['Subtotal', invoice.subtotal],
    ['Discount', `-${invoice.discount}`],
    [invoice.priceMode === 'tax_inclusive' ? 'Tax included' : 'Tax', invoice.tax],
    ['Total', invoice.total],
    ['Credited', `-${invoice.credited}`],
    ['Paid', `-${invoice.paid}`],
    ['Amount due', invoice.due],
  ];
  return rows
    .map(([label, value]) => `<tr><th>${label}</th><td class="n">${value} ${invoice.currency}</td></tr>`)
    .join('\n');
}

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}
th,td{padding:.3rem .5rem;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}
.totals{width:auto;margin-left:auto}.meta td{border:0;padding:.1rem .5rem}@media print{.noprint{display:none}}`;

/** The printable invoice: a self-contained HTML page (no scripts, no external assets). */
export function renderInvoiceDocument(doc: InvoiceDocument): string {
  const { invoice } = doc;
  const title = escapeHtml(documentTitle(invoice));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>
<body>
<h1>${title}</h1>
<table class="meta">
<tr><td>From</td><td>${escapeHtml(doc.organizationName)}${extraLines(doc.sellerLines)}</td></tr>
<tr><td>Bill to</td><td>${escapeHtml(doc.customerName ?? '')} (${escapeHtml(invoice.accountNumber ?? invoice.accountId)})${extraLines(doc.customerLines)}</td></tr>
<tr><td>Status</td><td>${invoice.status}</td></tr>
<tr><td>Issue date</td><td>${invoice.issueDate ?? '—'}</td></tr>
<tr><td>Due date</td><td>${invoice.dueDate ?? '—'}</td></tr>
<tr><td>Prices</td><td>${invoice.priceMode === 'tax_inclusive' ? 'include tax' : 'exclude tax'}</td></tr>
</table>
<h2>Lines</h2>
<table>
<thead><tr><th>#</th><th>Description</th><th class="n">Qty</th><th class="n">Unit price</th><th class="n">Discount</th><th class="n">Tax rate</th><th class="n">Tax</th><th class="n">Total</th></tr></thead>
<tbody>
${lineRows(invoice)}
</tbody>
</table>
<table class="totals">
${totalRows(invoice)}
</table>
${invoice.memo ? `<p>${escapeHtml(invoice.memo)}</p>` : ''}
</body></html>
`;
}
