import { money } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { applyTransaction, type LedgerAccount } from './applyTransaction.ts';

const account = (overrides: Partial<LedgerAccount> = {}): LedgerAccount => ({
  id: '00000000-0000-4000-8000-000000000001',
  currency: 'USD',
  status: 'active',
  balance: money('100.00'),
  creditLimit: money('0'),
  ...overrides,
});

/** Applies a USD credit or debit to the account `overrides` describe. */
const apply = (type: 'credit' | 'debit', amount: string, overrides: Partial<LedgerAccount> = {}) =>
  applyTransaction(account(overrides), { type, amount, currency: 'USD' });

describe('applyTransaction', () => {
  it('credits add to the balance exactly', () => {
    const outcome = apply('credit', '0.20', { balance: money('0.10') });
    expect(outcome.status).toBe('completed');
    expect(outcome.balanceAfter.toFixed(2)).toBe('0.30');
  });

  it('debits within the balance complete', () => {
    const outcome = apply('debit', '100.00');
    expect(outcome).toMatchObject({ status: 'completed' });
    expect(outcome.balanceAfter.toFixed(2)).toBe('0.00');
  });

  it('a debit beyond balance plus credit limit is rejected with the balance unchanged', () => {
    const outcome = apply('debit', '100.01');
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'insufficient_funds' });
    expect(outcome.balanceAfter.toFixed(2)).toBe('100.00');
  });

  it('the credit limit extends what a debit may take', () => {
    const outcome = apply('debit', '150.00', { creditLimit: money('50') });
    expect(outcome.status).toBe('completed');
    expect(outcome.balanceAfter.toFixed(2)).toBe('-50.00');
  });

  it.each([
    [null, 'account_not_found'],
    [account({ status: 'closed' }), 'account_not_active'],
    [account({ currency: 'EUR' }), 'currency_mismatch'],
  ] as const)('rejects %#: %s', (state, reason) => {
    expect(applyTransaction(state, { type: 'credit', amount: '1.00', currency: 'USD' })).toMatchObject({ reason });
  });

  it('refuses debits on a frozen account and still takes credits', () => {
    const frozen = account({ status: 'frozen' });
    expect(applyTransaction(frozen, { type: 'debit', amount: '1.00', currency: 'USD' })).toMatchObject({
      status: 'rejected',
      reason: 'account_not_active',
      message: 'the account is frozen',
    });
    expect(applyTransaction(frozen, { type: 'credit', amount: '1.00', currency: 'USD' }).status).toBe('completed');
  });

  it('rejects amounts finer than the minor unit and non-positive amounts', () => {
    expect(apply('credit', '1.001')).toMatchObject({
      reason: 'invalid_amount',
    });
    expect(apply('credit', '0')).toMatchObject({
      reason: 'invalid_amount',
    });
  });
});
