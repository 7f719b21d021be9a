import { describe, expect, it } from 'vitest';
import { type InvoiceState, precheckInvoiceCommand } from './precheckInvoiceCommand';

const open: InvoiceState = {
  status: 'open',
  currency: 'USD',
  total: '100.00',
  credited: '0.00',
  paid: '40.00',
  dueDate: '2026-12-25',
};
const TODAY = '2026-11-25';

describe('precheckInvoiceCommand', () => {
  it('lets a payment up to the amount due through', () => {
    expect(precheckInvoiceCommand(open, { kind: 'payment', amount: '60.00' }, TODAY)).toBeUndefined();
  });

  it('refuses a payment above the amount due on body.amount (422)', () => {
    const refused = precheckInvoiceCommand(open, { kind: 'payment', amount: '60.01' }, TODAY);
    expect(refused?.problem.status).toBe(422);
    expect(refused?.problem.errors?.map((field) => field.name)).toEqual(['body.amount']);
  });

  it('refuses amounts finer than the currency allows', () => {
    const refused = precheckInvoiceCommand(open, { kind: 'credit-note', amount: '1.005', reason: 'x' }, TODAY);
    expect(refused?.problem.errors?.[0]?.reason).toMatch(/decimal places/);
  });

  it('refuses payments and credit notes on drafts and void invoices as a 409', () => {
    for (const status of ['draft', 'void'] as const) {
      const refused = precheckInvoiceCommand({ ...open, status }, { kind: 'payment', amount: '1.00' }, TODAY);
      expect(refused?.problem.status).toBe(409);
      expect(refused?.problem.type).toMatch(/invalid-transition$/);
    }
  });

  it('issues only drafts', () => {
    expect(precheckInvoiceCommand({ ...open, status: 'draft' }, { kind: 'issue' }, TODAY)).toBeUndefined();
    expect(precheckInvoiceCommand(open, { kind: 'issue' }, TODAY)?.problem.status).toBe(409);
  });

  it('follows the lifecycle table for void and write-off', () => {
    expect(precheckInvoiceCommand(open, { kind: 'void', reason: 'x' }, TODAY)).toBeUndefined();
    expect(precheckInvoiceCommand({ ...open, status: 'paid' }, { kind: 'void', reason: 'x' }, TODAY)).toBeDefined();
    expect(precheckInvoiceCommand(open, { kind: 'uncollectible' }, TODAY)).toBeUndefined();
    expect(precheckInvoiceCommand({ ...open, status: 'draft' }, { kind: 'uncollectible' }, TODAY)).toBeDefined();
  });
});
