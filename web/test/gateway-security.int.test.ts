import { describe, expect, it } from 'vitest';
import { BASE_URL, toApiResponse } from './support/api';
import { expectProblem } from './support/problem';

/** The first origin the test server allows (scripts/dev/test.ts sets CORS_ORIGINS). */
const ALLOWED_ORIGIN = (process.env.CORS_ORIGINS ?? '').split(',')[0]?.trim() ?? '';
const REFUSED_ORIGIN = 'https://evil.billstream.test';

function request(method: string, path: string, headers: Record<string, string> = {}) {
  return fetch(`${BASE_URL}${path}`, { method, headers, redirect: 'manual' });
}

describe('security headers (nuxt-security)', () => {
  it('sends a nonce-based CSP and the other headers on pages, with the nonce on every inline script', async () => {
    const response = await request('GET', '/login', { accept: 'text/html' });
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'strict-dynamic' 'nonce-/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response: a leaked one is useless for the next page.
    const again = (await request('GET', '/login')).headers.get('content-security-policy');
    expect(again).not.toBe(csp);
  });

  it('sends the resource-wide headers on API answers too, errors included (CSP is for documents)', async () => {
    const response = await request('GET', '/api/v1/accounts', { accept: 'application/json' });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends HSTS only when the request came over https (here: a trusted proxy saying so)', async () => {
    const plain = await request('GET', '/api/v1/health');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    // The tests connect over loopback, which is a trusted proxy by default (TRUSTED_PROXIES).
    const secure = await request('GET', '/api/v1/health', { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
  });
});

describe('CORS on /api/v1', () => {
  it('is configured for the test server', () => {
    expect(ALLOWED_ORIGIN).toMatch(/^https?:\/\//);
  });

  it('grants a listed origin, exposing the gateway headers, and not credentials', async () => {
    const response = await request('GET', '/api/v1/openapi.json', { origin: ALLOWED_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toContain('RateLimit-Remaining');
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('keeps the grant on error answers, so the caller can read the problem', async () => {
    const response = await toApiResponse(
      await request('GET', '/api/v1/accounts', { origin: ALLOWED_ORIGIN, accept: 'application/json' }),
    );
    expectProblem(response, 401);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('grants nothing to an unlisted origin', async () => {
    const response = await request('GET', '/api/v1/openapi.json', { origin: REFUSED_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight of a listed origin with 204, before authentication and rate limits', async () => {
    const response = await request('OPTIONS', '/api/v1/transactions', {
      origin: ALLOWED_ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, idempotency-key',
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowedHeaders = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const name of ['authorization', 'content-type', 'idempotency-key']) expect(allowedHeaders).toContain(name);
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-limit')).toBeNull();
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses the preflight of an unlisted origin with a 403 problem naming the header', async () => {
    const response = await toApiResponse(
      await request('OPTIONS', '/api/v1/transactions', {
        origin: REFUSED_ORIGIN,
        'access-control-request-method': 'POST',
      }),
    );
    const problem = expectProblem(response, 403);
    expect(problem.errors?.map((field) => field.name)).toEqual(['header.origin']);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
