import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { hitSlidingWindow } from '../server/utils/slidingWindow';
import { API_ROUTES } from '../shared/auth/apiRoutes';
import { MAX_JSON_BODY_BYTES } from '../shared/auth/rateBudgets';
import { getAnonymous, getJson, postTransaction } from './support/api';
import { expectProblem } from './support/problem';
import { adminSession } from './support/session';

const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379/15', { maxRetriesPerRequest: 2 });
const prefix = `billstream:gateway-test:${randomUUID()}`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('sliding-window limiter (real Redis)', () => {
  it('allows the budget, then refuses with the time until a slot frees', async () => {
    const keys = [{ key: `${prefix}:a`, limit: 3 }];
    const now = Date.now();
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await hitSlidingWindow(redis, keys, 10, now + i));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]).toMatchObject({ limit: 3, resetSeconds: 10 });
    // A refused hit is not recorded: once the window slides past the first hits, room returns.
    expect((await hitSlidingWindow(redis, keys, 10, now + 10_001)).allowed).toBe(true);
  });

  it('refuses when any key (caller or IP) is exhausted and records nothing then', async () => {
    const caller = { key: `${prefix}:caller`, limit: 5 };
    const ip = { key: `${prefix}:ip`, limit: 1 };
    const now = Date.now();
    expect((await hitSlidingWindow(redis, [ip, caller], 60, now)).allowed).toBe(true);
    const refused = await hitSlidingWindow(redis, [ip, caller], 60, now + 1);
    expect(refused).toMatchObject({ allowed: false, limit: 1, remaining: 0 });
    expect(await redis.zcard(caller.key)).toBe(1);
  });
});

describe('gateway over HTTP', () => {
  it('sends RateLimit-* headers on normal answers', async () => {
    const response = await getJson('/api/v1/accounts');
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(Number(response.headers.get('ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
    expect(Number(response.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('answers a matching If-None-Match with 304 and a changed one with the body', async () => {
    const session = await adminSession();
    const first = await session.get('/api/v1/accounts?limit=2');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await session.get('/api/v1/accounts?limit=2', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    const other = await session.get('/api/v1/accounts?limit=2', { headers: { 'if-none-match': '"stale"' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).toBe(etag);
  });

  it('refuses a body above the limit with 413 problem+json', async () => {
    const big = { note: 'x'.repeat(MAX_JSON_BODY_BYTES + 1) };
    const problem = expectProblem(await postTransaction(big), 413);
    expect(problem.errors?.[0]?.name).toBe('body');
  });

  it('serves an OpenAPI 3.1 document naming every /api/v1 route of the route map', async () => {
    const response = await getAnonymous<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      '/api/v1/openapi.json',
    );
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const route of API_ROUTES.filter((entry) => entry.path.startsWith('/api/v1/'))) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(response.body.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeTruthy();
    }
  });
});
