import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_BODY_BYTES_MAX } from '../shared/auth/rateBudgets';
import { BASE_URL, getAnonymous, toApiResponse } from './support/api';
import { streamChunked } from './support/chunked';
import { closeFixtures, createUser } from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession, Session } from './support/session';
import { residentBytes, webPid } from './support/webProcess';

/** The upload the webhook route must refuse without holding it. */
const HUGE_UPLOAD_BYTES = 80 * 1024 * 1024;
/** How much the web process may grow while refusing it (it reads at most the 64 KiB limit). */
const RSS_GROWTH_MAX_BYTES = 20 * 1024 * 1024;
/** Chunk of the streamed uploads. */
const UPLOAD_CHUNK = Buffer.alloc(64 * 1024, 'x');
/** How often the web process's RSS is sampled during the upload. */
const RSS_SAMPLE_EVERY_MS = 20;

/** A TEST-NET-3 address per file (loopback is a trusted proxy), so these requests charge no other file's budgets. */
const clientAddress = `203.0.113.${randomInt(1, 254)}`;
let organizationId: string;

beforeAll(async () => {
  const me = await (await adminSession()).get<{ organization: { id: string } }>('/api/auth/session');
  organizationId = me.body.organization.id;
});
afterAll(closeFixtures);

describe('body limits on every route that reads a body', () => {
  it('refuses an 80 MiB chunked webhook with 413 while the web process grows by under 20 MiB', async () => {
    const pid = webPid();
    const before = residentBytes(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentBytes(pid));
    }, RSS_SAMPLE_EVERY_MS);
    const { response } = await streamChunked('/api/v1/webhooks/bank', UPLOAD_CHUNK, HUGE_UPLOAD_BYTES, {
      'x-forwarded-for': clientAddress,
    }).finally(() => clearInterval(sampler));
    peak = Math.max(peak, residentBytes(pid));
    expect(fieldNames(expectProblem(response, 413))).toEqual(['body']);
    expect(peak - before).toBeLessThan(RSS_GROWTH_MAX_BYTES);
  });

  it('refuses a chunked import beyond its limit with 413 naming the body', async () => {
    const admin = await adminSession();
    const { response } = await streamChunked(
      '/api/v1/categories/import',
      UPLOAD_CHUNK,
      IMPORT_BODY_BYTES_MAX + UPLOAD_CHUNK.length * 4,
      {
        'content-type': 'text/csv',
        cookie: admin.cookieHeader(),
        'x-csrf-token': admin.csrfToken ?? '',
        'x-forwarded-for': clientAddress,
      },
    );
    expect(fieldNames(expectProblem(response, 413))).toEqual(['body']);
  });
});

describe('CSRF-exempt routes take JSON only', () => {
  // A Uint8Array body makes fetch send no Content-Type at all (a string would be text/plain).
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${BASE_URL}${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-forwarded-for': clientAddress, ...headers },
      body: new TextEncoder().encode(JSON.stringify(body)),
    }).then((response) => toApiResponse(response));

  it('refuses a sign-in body without Content-Type or as text/plain with 415 naming the header', async () => {
    const user = await createUser(organizationId, ['viewer'], 'csrf-json');
    const credentials = { email: user.email, password: user.password };
    expect(fieldNames(expectProblem(await post('/api/auth/login', credentials), 415))).toEqual(['header.content-type']);
    const plain = await post('/api/auth/login', credentials, { 'content-type': 'text/plain' });
    expect(fieldNames(expectProblem(plain, 415))).toEqual(['header.content-type']);
    // The same credentials as JSON sign in, so nothing else refused them.
    const json = await post('/api/auth/login', credentials, { 'content-type': 'application/json' });
    expect(json.status, JSON.stringify(json.body)).toBe(200);
  });

  it('refuses a webhook body without Content-Type with 415 before looking at its signature', async () => {
    const response = await post('/api/v1/webhooks/bank', { id: 'evt_no_type' });
    expect(fieldNames(expectProblem(response, 415))).toEqual(['header.content-type']);
  });
});

describe('GET /api/v1/health', () => {
  it('tells anyone only up or down per dependency', async () => {
    const response = await getAnonymous('/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', kafka: 'up' } });
  });

  it('tells a signed-in non-admin no more than anyone', async () => {
    const user = await createUser(organizationId, ['finance'], 'health-finance');
    const finance = await Session.login(user.email, user.password);
    const response = await finance.get('/api/v1/health');
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', kafka: 'up' } });
  });

  it('gives an admin each check with its latency', async () => {
    const response = await (await adminSession()).get<{ checks: Record<string, unknown> }>('/api/v1/health');
    expect(response.status).toBe(200);
    for (const name of ['database', 'redis', 'kafka']) {
      expect(response.body.checks[name]).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    }
  });
});
