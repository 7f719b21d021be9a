import { afterEach, describe, expect, it, vi } from 'vitest';
import { needsCsrf, readCsrfToken, safeRedirect } from './csrf';
import { newIdempotencyKey } from './idempotencyKey';
import { percentLabel } from './percentLabel';
import { bodyFieldErrors, problemFrom, problemToast } from './problem';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('csrf', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the token on state-changing methods only', () => {
    expect(needsCsrf(undefined)).toBe(false);
    expect(needsCsrf('get')).toBe(false);
    expect(needsCsrf('POST')).toBe(true);
    expect(needsCsrf('delete')).toBe(true);
  });

  it('reads the token cookie, decoded, among others', () => {
    vi.stubGlobal('document', { cookie: 'theme=dark; bst_csrf=a%3Db=c; other=1' });
    expect(readCsrfToken()).toBe('a=b=c');
    vi.stubGlobal('document', { cookie: 'theme=dark' });
    expect(readCsrfToken()).toBeUndefined();
  });

  it('redirects only to same-site paths', () => {
    expect(safeRedirect('/invoices?status=open')).toBe('/invoices?status=open');
    expect(safeRedirect('//evil.example')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('https://evil.example', '/home')).toBe('/home');
    expect(safeRedirect(undefined)).toBe('/');
  });
});

describe('newIdempotencyKey', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is a fresh UUID v4, also where crypto.randomUUID is missing (plain http)', () => {
    const first = newIdempotencyKey();
    expect(first).toMatch(UUID_V4);
    expect(newIdempotencyKey()).not.toBe(first);
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) });
    expect(newIdempotencyKey()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});

describe('percentLabel', () => {
  it('shows a fraction as a percent without float noise', () => {
    expect(percentLabel('0.2')).toBe('20 %');
    expect(percentLabel('0.075')).toBe('7.5 %');
    expect(percentLabel('0')).toBe('0 %');
  });
});

describe('problem', () => {
  const problem = {
    type: 'about:blank',
    title: 'Invalid body',
    status: 422,
    errors: [
      { name: 'body.amount', reason: 'must be positive' },
      { name: 'query.limit', reason: 'too large' },
    ],
  };

  it('takes the problem body of a failed fetch and nothing else', () => {
    expect(problemFrom({ data: problem })).toBe(problem);
    expect(problemFrom({ data: 'Bad Gateway' })).toBeUndefined();
    expect(problemFrom(null)).toBeUndefined();
  });

  it('turns body field errors into form errors and leaves the others out', () => {
    expect(bodyFieldErrors(problem as never)).toEqual([{ name: 'amount', message: 'must be positive' }]);
    expect(bodyFieldErrors(undefined)).toEqual([]);
  });
});

describe('problemToast', () => {
  it('prefers the problem, then the error, then the fallback title', () => {
    const problem = { type: 'about:blank', title: 'Insufficient funds', status: 422, detail: 'Balance 3.00' };
    expect(problemToast(problem as never, new Error('x'), 'Failed')).toMatchObject({
      title: 'Insufficient funds',
      description: 'Balance 3.00',
      color: 'error',
    });
    expect(problemToast(undefined, new Error('Network down'), 'Failed')).toMatchObject({
      title: 'Failed',
      description: 'Network down',
    });
    expect(problemToast(undefined, 'odd', 'Failed').description).toBeUndefined();
  });
});
