import { AccountResource, TransactionResource } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { pendingToResource, toAccountResource, toTransactionResource } from './resources';

const ACCOUNT = '00000000-0000-4000-8007-000000000001';
const TX = '00000000-0000-4000-8009-000000000001';
const at = new Date('2026-01-02T03:04:05.678Z');

describe('toAccountResource', () => {
  it('formats NUMERIC values to the currency minor units', () => {
    const resource = toAccountResource({
      id: ACCOUNT,
      accountNumber: 'ACC-1',
      customerName: 'Acme',
      balance: '12.3400',
      availableBalance: '10',
      currency: 'USD',
      status: 'active',
      creditLimit: '0.0000',
      updatedAt: at,
    });
    expect(AccountResource.parse(resource)).toMatchObject({ balance: '12.34', creditLimit: '0.00' });
    expect(resource).toMatchObject({ availableBalance: '10.00', customerName: 'Acme', updatedAt: at.toISOString() });
  });

  it('uses the currency: JPY has no minor unit, KWD three', () => {
    const base = {
      id: ACCOUNT,
      accountNumber: 'A',
      customerName: null,
      availableBalance: '0',
      status: 'active',
      creditLimit: '0',
      updatedAt: at,
    };
    expect(toAccountResource({ ...base, balance: '1500.0000', currency: 'JPY' }).balance).toBe('1500');
    expect(toAccountResource({ ...base, balance: '1.5', currency: 'KWD' }).balance).toBe('1.500');
  });
});

describe('toTransactionResource', () => {
  const row = {
    id: TX,
    accountId: ACCOUNT,
    transactionType: 'debit',
    amount: '5.5000',
    currency: 'EUR',
    description: null,
    referenceId: 'inv-1',
    status: 'rejected',
    reason: 'insufficient_funds',
    balanceAfter: '1.0000',
    requestedAt: at,
    processedAt: at,
    createdAt: at,
  };

  it('maps a ledger row to the contract shape', () => {
    expect(TransactionResource.parse(toTransactionResource(row))).toEqual({
      id: TX,
      accountId: ACCOUNT,
      type: 'debit',
      amount: '5.50',
      currency: 'EUR',
      status: 'rejected',
      description: null,
      reference: 'inv-1',
      reason: 'insufficient_funds',
      balanceAfter: '1.00',
      createdAt: at.toISOString(),
      processedAt: at.toISOString(),
      links: { self: `/api/v1/transactions/${TX}`, account: `/api/v1/accounts/${ACCOUNT}` },
    });
  });

  it('reports an unknown reason code as null instead of failing', () => {
    expect(toTransactionResource({ ...row, reason: 'cosmic_rays' }).reason).toBeNull();
  });
});

describe('pendingToResource', () => {
  it('answers pending with no verdict fields', () => {
    const resource = pendingToResource({
      transactionId: TX,
      organizationId: '00000000-0000-4000-8000-000000000001',
      accountId: ACCOUNT,
      type: 'credit',
      amount: '3.5',
      currency: 'USD',
      requestedAt: at.toISOString(),
    });
    expect(TransactionResource.parse(resource)).toMatchObject({
      status: 'pending',
      amount: '3.50',
      reason: null,
      balanceAfter: null,
      processedAt: null,
      description: null,
    });
  });
});
