import { describe, expect, it } from 'vitest';
import { customerLines, sellerLines } from './partyDetails';

describe('invoice party details', () => {
  it('reads the seller from BILLSTREAM_SELLER_* and skips what is unset', () => {
    expect(
      sellerLines({ BILLSTREAM_SELLER_ADDRESS: '1 Main St | 75002 Paris', BILLSTREAM_SELLER_TAX_ID: 'FR1' }),
    ).toEqual(['1 Main St', '75002 Paris', 'Tax id: FR1']);
    expect(sellerLines({})).toEqual([]);
  });

  it('prints the customer address, tax id and e-mail; a malformed address is left out', () => {
    const address = {
      line1: '1 Main St',
      line2: null,
      city: 'Paris',
      postalCode: '75002',
      region: null,
      country: 'FR',
    };
    expect(customerLines({ address, taxId: 'FR2', billingEmail: 'ap@x.example' })).toEqual([
      '1 Main St',
      '75002 Paris',
      'FR',
      'Tax id: FR2',
      'ap@x.example',
    ]);
    expect(customerLines({ address: { nope: 1 }, taxId: null, billingEmail: null })).toEqual([]);
  });
});
