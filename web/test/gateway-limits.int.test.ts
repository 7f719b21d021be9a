import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES, resolveBudget } from '../shared/auth/rateBudgets';
import { anActiveAccount } from './support/api';
import { postChunked } from './support/chunked';
import { closeFixtures, createUser } from './support/fixtures';
import { expectProblem } from './support/problem';
import { adminSession, bearer, Session } from './support/session';

/** Requests in flight at once while a budget is used up (the machine has 2 cores). */
const PARALLEL_REQUESTS = 16;
/** Chunk size of the streamed bodies. */
const CHUNK_BYTES = 4 * 1024;

/**
 * This file's caller has its own user, its own API token and its own client
 * address (X-Forwarded-For from loopback, a trusted proxy), so exhausting its
 * budget charges no key another test file uses.
 */
let token: string;
const clientAddress = `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;

beforeAll(async () => {
  const me = await (await adminSession()).get<{ organization: { id: string } }>('/api/auth/session');
  const user = await createUser(me.body.organization.id, ['finance'], 'gateway-limits');
  const session = await Session.login(user.email, user.password);
  const created = await session.post<{ token: string }>('/api/v1/api-tokens', {
    name: 'gateway-limits',
    scopes: ['transactions:create', 'transactions:read', 'accounts:read'],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  token = created.body.token;
});
afterAll(closeFixtures);

describe('body size limit over HTTP', () => {
  it('reads a chunked body without Content-Length when it is within the limit', async () => {
    const account = await anActiveAccount();
    const json = JSON.stringify({ accountId: account.id, type: 'credit', amount: '1.00', currency: account.currency });
    const halves = [json.slice(0, 10), json.slice(10)];
    const response = await postChunked('/api/v1/transactions', halves, {
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
      'x-forwarded-for': clientAddress,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
  });

  it('refuses a chunked body beyond the limit with 413 naming the body', async () => {
    const padding = 'x'.repeat(CHUNK_BYTES);
    const chunkCount = Math.ceil(MAX_JSON_BODY_BYTES / CHUNK_BYTES) + 2;
    const chunks = ['{"note":"', ...Array.from({ length: chunkCount }, () => padding), '"}'];
    const response = await postChunked('/api/v1/transactions', chunks, {
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
      'x-forwarded-for': clientAddress,
    });
    const problem = expectProblem(response, 413);
    expect(problem.errors?.map((field) => field.name)).toEqual(['body']);
  });
});

describe('rate budget over HTTP', () => {
  it('answers 429 with Retry-After and RateLimit-* once an API token has used its command budget', async () => {
    const budget = resolveBudget('command');
    expect(budget).toBeDefined();
    const limit = budget!.limit;
    const call = bearer(token);
    // Invalid commands are cheap (422, nothing produced) but are charged like any other.
    const send = () =>
      call('POST', '/api/v1/transactions', {}, { 'idempotency-key': randomUUID(), 'x-forwarded-for': clientAddress });
    const first = await send();
    expect(first.status).toBe(422);
    expect(Number(first.headers.get('ratelimit-limit'))).toBe(limit);
    // Whatever this token was charged before (the body-limit tests above), the rest of its budget:
    const remaining = Number(first.headers.get('ratelimit-remaining'));
    expect(remaining).toBeLessThan(limit);
    const statuses: number[] = [];
    for (let sent = 0; sent < remaining; sent += PARALLEL_REQUESTS) {
      const batch = Array.from({ length: Math.min(PARALLEL_REQUESTS, remaining - sent) }, send);
      statuses.push(...(await Promise.all(batch)).map((response) => response.status));
    }
    expect(statuses.filter((status) => status !== 422)).toEqual([]);

    const refused = await send();
    const problem = expectProblem(refused, 429);
    expect(problem.type).toMatch(/rate-limited$/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(budget!.windowSeconds);
    expect(Number(refused.headers.get('ratelimit-limit'))).toBe(limit);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBe(retryAfter);

    // Another caller is not affected: the budget belongs to the token.
    const admin = await adminSession();
    const account = await anActiveAccount();
    const other = await admin.post(
      '/api/v1/transactions',
      { accountId: account.id, type: 'credit', amount: '1.00', currency: account.currency },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(other.status).toBe(202);
  });
});
