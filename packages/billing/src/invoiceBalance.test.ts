import { describe, expect, it } from 'vitest';
import { applyCreditNote, applyPayment, becomesOverdue, type InvoiceBalance } from './invoiceBalance.ts';

const open: InvoiceBalance = {
  status: 'open',
  currency: 'USD',
  total: '100.00',
  credited: '0',
  paid: '0',
  dueDate: '2026-12-01',
};

describe('invoice balance', () => {
  it('part payment, then the rest', () => {
    const first = applyPayment(open, '40.00', '2026-11-25');
    expect(first).toMatchObject({ ok: true, status: 'partially_paid', paid: '40.00', due: '60.00' });
    const second = applyPayment({ ...open, status: 'partially_paid', paid: '40.00' }, '60.00', '2026-11-25');
    expect(second).toMatchObject({ ok: true, status: 'paid', due: '0.00' });
  });
  it('refuses to overpay and to refund more than was paid', () => {
    expect(applyPayment(open, '100.01', '2026-11-25')).toMatchObject({ ok: false, reason: 'amount_exceeds_due' });
    expect(applyPayment(open, '-0.01', '2026-11-25')).toMatchObject({ ok: false, reason: 'amount_exceeds_due' });
  });
  it('a refund reopens a paid invoice, as overdue once past due', () => {
    const paid: InvoiceBalance = { ...open, status: 'paid', paid: '100.00' };
    expect(applyPayment(paid, '-30.00', '2026-11-25')).toMatchObject({
      ok: true,
      status: 'partially_paid',
      due: '30.00',
    });
    expect(applyPayment(paid, '-100.00', '2026-11-25')).toMatchObject({ ok: true, status: 'open' });
    expect(applyPayment(paid, '-30.00', '2026-12-02')).toMatchObject({ ok: true, status: 'overdue' });
  });
  it('credit notes lower the amount due, up to it', () => {
    expect(applyCreditNote(open, '25.00', '2026-11-25')).toMatchObject({ ok: true, status: 'open', due: '75.00' });
    expect(applyCreditNote(open, '100.00', '2026-11-25')).toMatchObject({ ok: true, status: 'paid', due: '0.00' });
    expect(applyCreditNote(open, '100.01', '2026-11-25')).toMatchObject({ ok: false });
    expect(applyCreditNote({ ...open, status: 'void' }, '1', '2026-11-25')).toMatchObject({
      ok: false,
      reason: 'invalid_transition',
    });
  });
  it('drafts and void invoices take no payments', () => {
    expect(applyPayment({ ...open, status: 'draft' }, '1', '2026-11-25')).toMatchObject({
      ok: false,
      reason: 'invalid_transition',
    });
    expect(applyPayment({ ...open, status: 'void' }, '1', '2026-11-25')).toMatchObject({ ok: false });
  });
  it('turns overdue the day after the due date', () => {
    expect(becomesOverdue(open, '2026-12-01')).toBe(false);
    expect(becomesOverdue(open, '2026-12-02')).toBe(true);
    expect(becomesOverdue({ ...open, status: 'paid', paid: '100.00' }, '2026-12-02')).toBe(false);
  });
});
