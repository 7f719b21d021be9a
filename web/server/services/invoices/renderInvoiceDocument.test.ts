import { describe, expect, it } from 'vitest';
import { invoiceFixture } from '../../../test/support/invoiceFixture';
import { documentTitle, escapeHtml, percentOf, renderInvoiceDocument } from './renderInvoiceDocument';
import { renderInvoicePdf } from './renderInvoicePdf';

const invoice = invoiceFixture();
const doc = { invoice, organizationName: 'Acme & Co', customerName: 'Jane "J" Doe' };

describe('renderInvoiceDocument', () => {
  const html = renderInvoiceDocument(doc);

  it('titles the page with the invoice number, or a draft label without one', () => {
    expect(html).toContain('<title>Invoice INV-2026-000042</title>');
    expect(documentTitle({ ...invoice, invoiceNumber: null })).toBe('Draft invoice 00000000');
  });

  it('shows the lines, tax rate and every total in the invoice currency', () => {
    expect(html).toContain('<td class="n">20 %</td>');
    for (const text of ['30.00 EUR', '-3.00 EUR', '5.40 EUR', '32.40 EUR', '-10.00 EUR', '22.40 EUR']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('2026-12-25');
  });

  it('escapes everything a user typed', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('Consulting &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Acme &amp; Co');
    expect(html).toContain('Jane &quot;J&quot; Doe');
    expect(html).toContain('Thanks &lt;b&gt;a lot&lt;/b&gt;');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('labels tax as included in tax-inclusive mode', () => {
    expect(renderInvoiceDocument({ ...doc, invoice: { ...invoice, priceMode: 'tax_inclusive' } })).toContain(
      'Tax included',
    );
  });
});

describe('percentOf', () => {
  it('turns rate fractions into percents exactly', () => {
    expect(percentOf('0.2')).toBe('20 %');
    expect(percentOf('0.055')).toBe('5.5 %');
    expect(percentOf('0')).toBe('0 %');
    expect(percentOf('1')).toBe('100 %');
  });
});

describe('renderInvoicePdf', () => {
  it('draws a PDF offline with the built-in Helvetica, paging long invoices', async () => {
    const many = Array.from({ length: 120 }, (_, index) => ({ ...invoice.lines[0]!, position: index + 1 }));
    const pdf = await renderInvoicePdf({ ...doc, invoice: { ...invoice, lines: many } });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain('/BaseFont /Helvetica');
    expect(Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThan(1);
  });
});

describe('renderInvoiceDocument with party details', () => {
  it('prints the seller and customer lines under their names, escaped', () => {
    const html = renderInvoiceDocument({
      ...doc,
      sellerLines: ['Acme Holding SA', 'Tax id: FR1'],
      customerLines: ['1 <Main> St', 'Tax id: DE2', 'ap@jane.example'],
    });
    expect(html).toContain('Acme &amp; Co<br>Acme Holding SA<br>Tax id: FR1');
    expect(html).toContain('<br>1 &lt;Main&gt; St<br>Tax id: DE2<br>ap@jane.example');
  });
});
