import { describe, expect, it } from 'vitest';
import {
  AUTH_BUDGET_PER_MINUTE,
  budgetClassOf,
  COMMAND_BUDGET_PER_MINUTE,
  IP_BUDGET_FACTOR,
  ipBudgetFactor,
  READ_BUDGET_PER_MINUTE,
  resolveBudget,
} from './rateBudgets';

describe('rate budgets', () => {
  it('classifies reads, commands, auth routes and unlimited probes', () => {
    expect(budgetClassOf('GET', '/api/v1/accounts')).toBe('read');
    expect(budgetClassOf('HEAD', '/api/v1/accounts/1')).toBe('read');
    expect(budgetClassOf('POST', '/api/v1/transactions')).toBe('command');
    expect(budgetClassOf('DELETE', '/api/v1/roles/1')).toBe('command');
    expect(budgetClassOf('POST', '/api/auth/login')).toBe('auth');
    expect(budgetClassOf('GET', '/api/auth/session')).toBe('auth');
    expect(budgetClassOf('GET', '/api/v1/health')).toBe('unlimited');
    expect(budgetClassOf('GET', '/api/_nuxt_icon/lucide.json')).toBe('unlimited');
  });

  it('uses the named defaults and lets the environment override them', () => {
    expect(resolveBudget('read', {})?.limit).toBe(READ_BUDGET_PER_MINUTE);
    expect(resolveBudget('command', {})?.limit).toBe(COMMAND_BUDGET_PER_MINUTE);
    expect(resolveBudget('auth', {})?.limit).toBe(AUTH_BUDGET_PER_MINUTE);
    expect(resolveBudget('read', { RATE_LIMIT_READ_PER_MINUTE: '5' })?.limit).toBe(5);
    expect(resolveBudget('read', { RATE_LIMIT_READ_PER_MINUTE: 'nonsense' })?.limit).toBe(READ_BUDGET_PER_MINUTE);
    expect(resolveBudget('read', { RATE_LIMIT_READ_PER_MINUTE: '0' })?.limit).toBe(READ_BUDGET_PER_MINUTE);
    expect(resolveBudget('unlimited', {})).toBeUndefined();
    expect(ipBudgetFactor({})).toBe(IP_BUDGET_FACTOR);
    expect(ipBudgetFactor({ RATE_LIMIT_IP_FACTOR: '2' })).toBe(2);
  });
});
