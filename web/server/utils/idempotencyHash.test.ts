import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './idempotencyHash';

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('drops undefined members like JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });
});

describe('requestHash', () => {
  const body = { accountId: 'a', type: 'credit', amount: '1.00', currency: 'USD' };

  it('is a sha256 hex digest, equal for equal bodies whatever the key order', () => {
    const reordered = { currency: 'USD', amount: '1.00', type: 'credit', accountId: 'a' };
    expect(requestHash('scope', body)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('scope', reordered)).toBe(requestHash('scope', body));
  });

  it('differs when a value, a type or the scope differs', () => {
    const base = requestHash('scope', body);
    expect(requestHash('scope', { ...body, amount: '1.0' })).not.toBe(base);
    expect(requestHash('scope', { ...body, amount: 1 })).not.toBe(base);
    expect(requestHash('other', body)).not.toBe(base);
  });
});
