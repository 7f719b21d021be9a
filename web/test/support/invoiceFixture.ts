import type { InvoiceDetailResource } from '@billstream/contracts';

/** An open invoice with one taxed, discounted line, for the renderers' tests. */
export function invoiceFixture(overrides: Partial<InvoiceDetailResource> = {}): InvoiceDetailResource {
  return {
    id: '00000000-0000-4000-8000-00000000000f',
    accountId: '00000000-0000-4000-8000-0000000000aa',
    accountNumber: 'ACC-1',
    invoiceNumber: 'INV-2026-000042',
    currency: 'EUR',
    priceMode: 'tax_exclusive',
    status: 'open',
    subtotal: '30.00',
    discount: '3.00',
    tax: '5.40',
    total: '32.40',
    credited: '0.00',
    paid: '10.00',
    due: '22.40',
    issueDate: '2026-11-25',
    dueDate: '2026-12-25',
    memo: 'Thanks <b>a lot</b>',
    collection: 'manual',
    paymentAttempts: 0,
    nextPaymentAttemptAt: null,
    lastPaymentError: null,
    version: 2,
    voidedAt: null,
    paidAt: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    links: { self: '/x', account: '/a', document: '/x/document', pdf: '/x/pdf' },
    lines: [
      {
        position: 1,
        productId: null,
        description: 'Consulting <script>alert(1)</script>',
        quantity: '3',
        unitPrice: '10',
        taxCategory: 'standard',
        taxRate: '0.2',
        subtotal: '30.00',
        discount: '3.00',
        taxAmount: '5.40',
        total: '32.40',
      },
    ],
    history: [],
    rejection: null,

    ...overrides,
  };
}
