import { describe, expect, it } from 'vitest';
import { corsOrigins, isPreflight, parseCorsOrigins } from './cors';

describe('parseCorsOrigins', () => {
  it('is empty (same origin only) when unset or blank', () => {
    expect(parseCorsOrigins(undefined).size).toBe(0);
    expect(parseCorsOrigins(' , ').size).toBe(0);
  });

  it('takes comma-separated origins, a trailing slash tolerated', () => {
    expect([...parseCorsOrigins('https://a.example, http://localhost:5173/')]).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
  });

  it('refuses entries that are not bare http(s) origins', () => {
    expect(() => parseCorsOrigins('*')).toThrow(/CORS_ORIGINS/);
    expect(() => parseCorsOrigins('https://a.example/path')).toThrow(/not an origin/);
    expect(() => parseCorsOrigins('ftp://a.example')).toThrow(/not an origin/);
  });
});

describe('corsOrigins', () => {
  it('follows the environment value', () => {
    expect(corsOrigins({ CORS_ORIGINS: 'https://a.example' }).has('https://a.example')).toBe(true);
    expect(corsOrigins({ CORS_ORIGINS: 'https://b.example' }).has('https://a.example')).toBe(false);
  });
});

describe('isPreflight', () => {
  it('needs OPTIONS and Access-Control-Request-Method', () => {
    expect(isPreflight('OPTIONS', 'POST')).toBe(true);
    expect(isPreflight('OPTIONS', undefined)).toBe(false);
    expect(isPreflight('POST', 'POST')).toBe(false);
  });
});
