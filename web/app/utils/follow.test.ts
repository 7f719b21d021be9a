import { describe, expect, it } from 'vitest';
import { invoiceVerdict, paymentSettled } from './follow';

describe('paymentSettled', () => {
  const payment = (status: string, refunds: { id: string; status: string }[] = []) => ({ status, refunds });

  it('waits while the intent is before or in processing', () => {
    expect(paymentSettled(payment('requires_confirmation'))).toBe(false);
    expect(paymentSettled(payment('processing'))).toBe(false);
  });

  it('settles on a final status or one that waits for the payer or the operator', () => {
    for (const status of ['succeeded', 'failed', 'canceled', 'requires_capture', 'requires_action'])
      expect(paymentSettled(payment(status))).toBe(true);
  });

  it('waits for an awaited refund to appear and for pending refunds to be decided', () => {
    expect(paymentSettled(payment('succeeded'), 'r1')).toBe(false);
    expect(paymentSettled(payment('succeeded', [{ id: 'r1', status: 'pending' }]), 'r1')).toBe(false);
    expect(paymentSettled(payment('succeeded', [{ id: 'r1', status: 'succeeded' }]), 'r1')).toBe(true);
    expect(paymentSettled(payment('succeeded', [{ id: 'r0', status: 'pending' }]))).toBe(false);
  });
});

describe('invoiceVerdict', () => {
  const seen = { version: 3, rejectionAt: '2026-01-01T00:00:00Z' };

  it('is applied once the version moves past the one seen, unless still pending', () => {
    expect(invoiceVerdict({ status: 'open', version: 4, rejection: null }, seen)).toBe('applied');
    expect(invoiceVerdict({ status: 'pending', version: 4, rejection: null }, seen)).toBeNull();
    expect(invoiceVerdict({ status: 'open', version: 3, rejection: null }, seen)).toBeNull();
  });

  it('is refused when a newer rejection appears, and applied wins over it', () => {
    const newer = { at: '2026-01-02T00:00:00Z' };
    expect(invoiceVerdict({ status: 'open', version: 3, rejection: newer }, seen)).toBe('refused');
    expect(invoiceVerdict({ status: 'open', version: 3, rejection: { at: seen.rejectionAt } }, seen)).toBeNull();
    expect(invoiceVerdict({ status: 'open', version: 4, rejection: newer }, seen)).toBe('applied');
  });
});
