import { describe, expect, it } from 'vitest';
import {
  fitsMinorUnits,
  formatMoney,
  isMoneyInRange,
  MoneyDecimal,
  MoneyString,
  PositiveMoneyString,
  roundToMinorUnit,
} from './money.ts';

describe('money', () => {
  it('rounds half away from zero at the minor unit', () => {
    expect(roundToMinorUnit('2.345', 'USD').toFixed(2)).toBe('2.35');
    expect(roundToMinorUnit('-2.345', 'USD').toFixed(2)).toBe('-2.35');
    expect(roundToMinorUnit('2.344', 'USD').toFixed(2)).toBe('2.34');
    expect(roundToMinorUnit('0.5', 'JPY').toFixed(0)).toBe('1');
    expect(roundToMinorUnit('1.0005', 'KWD').toFixed(3)).toBe('1.001');
  });

  it('formats to the currency minor unit without float error', () => {
    expect(formatMoney('0.1', 'USD')).toBe('0.10');
    expect(formatMoney(roundToMinorUnit('0.1', 'USD').plus('0.2'), 'USD')).toBe('0.30');
    expect(formatMoney('1234', 'JPY')).toBe('1234');
  });

  it('accepts decimal strings only', () => {
    expect(MoneyString.safeParse('12.34').success).toBe(true);
    expect(MoneyString.safeParse(12.34).success).toBe(false);
    expect(MoneyString.safeParse('1e3').success).toBe(false);
    expect(MoneyString.safeParse('01.00').success).toBe(false);
    expect(PositiveMoneyString.safeParse('0').success).toBe(false);
    expect(PositiveMoneyString.safeParse('-1').success).toBe(false);
  });

  it('knows each currency minor units', () => {
    expect(fitsMinorUnits('1.23', 'USD')).toBe(true);
    expect(fitsMinorUnits('1.234', 'USD')).toBe(false);
    expect(fitsMinorUnits('1.5', 'JPY')).toBe(false);
    expect(fitsMinorUnits('1.234', 'KWD')).toBe(true);
  });
});

describe('malformed amounts', () => {
  it('are schema issues naming the field, never a DecimalError', async () => {
    const { CreateTransactionBody } = await import('./api/transactions.ts');
    const { PercentDiscount, FreeLineInput } = await import('./events/billing.ts');
    expect(PositiveMoneyString.safeParse('abc').success).toBe(false);
    const body = CreateTransactionBody.safeParse({ accountId: 'x', type: 'credit', amount: 'abc', currency: 'USD' });
    expect(body.success).toBe(false);
    expect(body.error?.issues.map((issue) => issue.path.join('.'))).toContain('amount');
    expect(PercentDiscount.safeParse({ kind: 'percent', percent: 'x' }).success).toBe(false);
    expect(
      FreeLineInput.safeParse({ description: 'a', quantity: '1', unitPrice: 'zz', taxCategory: 'zero' }).success,
    ).toBe(false);
  });
});

describe('isMoneyInRange', () => {
  it('accepts the largest amount NUMERIC(19,4) holds and refuses one cent more', () => {
    expect(isMoneyInRange('999999999999999.99', 'USD')).toBe(true);
    expect(isMoneyInRange('-999999999999999.99', 'USD')).toBe(true);
    expect(isMoneyInRange(new MoneyDecimal('999999999999999.99').plus('0.01'), 'USD')).toBe(false);
    expect(isMoneyInRange(new MoneyDecimal('-999999999999999.99').minus('0.01'), 'USD')).toBe(false);
  });

  it('judges the rounded value: .995 rounds up past the limit', () => {
    expect(isMoneyInRange('999999999999999.994', 'USD')).toBe(true);
    expect(isMoneyInRange('999999999999999.995', 'USD')).toBe(false);
  });

  it('refuses infinities and NaN instead of throwing', () => {
    expect(isMoneyInRange(new MoneyDecimal(Number.POSITIVE_INFINITY), 'USD')).toBe(false);
    expect(isMoneyInRange(new MoneyDecimal(Number.NaN), 'USD')).toBe(false);
  });
});
