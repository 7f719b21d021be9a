import PDFDocument from 'pdfkit';
import { documentTitle, type InvoiceDocument, percentOf } from './renderInvoiceDocument';

/** Column x positions and widths on an A4 page (points); numbers are right-aligned. */
const COLUMNS = [
  { label: '#', x: 40, width: 24, align: 'left' },
  { label: 'Description', x: 66, width: 170, align: 'left' },
  { label: 'Qty', x: 238, width: 44, align: 'right' },
  { label: 'Unit price', x: 284, width: 62, align: 'right' },
  { label: 'Discount', x: 348, width: 52, align: 'right' },
  { label: 'Tax rate', x: 402, width: 44, align: 'right' },
  { label: 'Tax', x: 448, width: 50, align: 'right' },
  { label: 'Total', x: 500, width: 55, align: 'right' },
] as const;
const ROW_HEIGHT_PT = 16;
const PAGE_BOTTOM_PT = 780;

type Doc = InstanceType<typeof PDFDocument>;

function row(pdf: Doc, cells: readonly string[], y: number): void {
  COLUMNS.forEach((column, index) => {
    pdf.text(cells[index] ?? '', column.x, y, {
      width: column.width,
      align: column.align,
      lineBreak: false,
      ellipsis: true,
    });
  });
}

function header(pdf: Doc, doc: InvoiceDocument): number {
  const { invoice } = doc;
  pdf.font('Helvetica-Bold').fontSize(18).text(documentTitle(invoice), 40, 40);
  pdf.font('Helvetica').fontSize(10);
  const meta = [
    `From: ${doc.organizationName}`,
    ...(doc.sellerLines ?? []).map((line) => `      ${line}`),
    `Bill to: ${doc.customerName ?? ''} (${invoice.accountNumber ?? invoice.accountId})`,
    ...(doc.customerLines ?? []).map((line) => `      ${line}`),
    `Status: ${invoice.status}`,
    `Issue date: ${invoice.issueDate ?? '-'}    Due date: ${invoice.dueDate ?? '-'}`,
    `Prices ${invoice.priceMode === 'tax_inclusive' ? 'include' : 'exclude'} tax; amounts in ${invoice.currency}`,
  ];
  for (const [index, text] of meta.entries()) pdf.text(text, 40, 72 + index * 14);
  return 72 + meta.length * 14 + 16;
}

function lines(pdf: Doc, doc: InvoiceDocument, top: number): number {
  let y = top;
  const tableHeader = () => {
    pdf.font('Helvetica-Bold');
    row(
      pdf,
      COLUMNS.map((column) => column.label),
      y,
    );
    pdf.font('Helvetica');
    y += ROW_HEIGHT_PT;
  };
  tableHeader();
  for (const line of doc.invoice.lines) {
    if (y > PAGE_BOTTOM_PT) {
      pdf.addPage();
      y = 40;
      tableHeader();
    }
    const cells = [
      String(line.position),
      line.description,
      line.quantity,
      line.unitPrice,
      line.discount,
      percentOf(line.taxRate),
      line.taxAmount,
      line.total,
    ];
    row(pdf, cells, y);
    y += ROW_HEIGHT_PT;
  }
  return y + 8;
}

function totals(pdf: Doc, doc: InvoiceDocument, top: number): void {
  const { invoice } = doc;
  const entries: [string, string][] = [
    ['Subtotal', invoice.subtotal],
    ['Discount', `-${invoice.discount}`],
    [invoice.priceMode === 'tax_inclusive' ? 'Tax included' : 'Tax', invoice.tax],
    ['Total', invoice.total],
    ['Credited', `-${invoice.credited}`],
    ['Paid', `-${invoice.paid}`],
    ['Amount due', invoice.due],
  ];
  let y = top;
  if (y + entries.length * ROW_HEIGHT_PT > PAGE_BOTTOM_PT) {
    pdf.addPage();
    y = 40;
  }
  for (const [label, value] of entries) {
    pdf.font(label === 'Amount due' || label === 'Total' ? 'Helvetica-Bold' : 'Helvetica');
    pdf.text(label, 350, y, { width: 100, lineBreak: false });
    pdf.text(`${value} ${invoice.currency}`, 450, y, { width: 105, align: 'right', lineBreak: false });
    y += ROW_HEIGHT_PT;
  }
  if (invoice.memo) pdf.font('Helvetica').text(invoice.memo, 40, y + 12, { width: 515 });
}

/**
 * The invoice as a PDF, drawn with pdfkit's built-in Helvetica (no font
 * files, no network): the same figures as the HTML document.
 */
export function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 40, info: { Title: documentTitle(doc.invoice) } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.fontSize(9);
  const afterLines = lines(pdf, doc, header(pdf, doc));
  totals(pdf, doc, afterLines);
  pdf.end();
  return done;
}
