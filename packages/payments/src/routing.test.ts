import { describe, expect, it } from 'vitest';
import { route } from './routing.ts';

describe('routing rules', () => {
  it('chooses by method, currency and amount, with a fallback', () => {
    expect(route({ methodType: 'bank_transfer', currency: 'USD', amount: '10' })).toEqual(['bank']);
    expect(route({ methodType: 'card', currency: 'USD', amount: '10' })).toEqual(['card', 'card_backup']);
    expect(route({ methodType: 'card', currency: 'EUR', amount: '10' })).toEqual(['card_backup', 'card']);
    expect(route({ methodType: 'card', currency: 'USD', amount: '9999.99' })).toEqual(['card', 'card_backup']);
    expect(route({ methodType: 'card', currency: 'USD', amount: '10000' })).toEqual(['card_backup', 'card']);
  });

  it('answers no gateway when no rule matches', () => {
    expect(
      route({ methodType: 'card', currency: 'USD', amount: '1' }, [
        { methodType: 'bank_transfer', gateways: ['bank'] },
      ]),
    ).toEqual([]);
  });
});
