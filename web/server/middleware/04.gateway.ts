import {
  bodyLimitOf,
  budgetClassOf,
  ipBudgetFactor,
  RATE_LIMIT_DISABLED_ENV,
  resolveBudget,
} from '#shared/auth/rateBudgets';
import { bodyTooLarge } from '../utils/bodyLimit';
import { clientIp } from '../utils/clientIp';
import { ProblemError, problemOf } from '../utils/problem';
import { redisKey, useRedis } from '../utils/redis';
import { hitSlidingWindow, rateLimitHeaders } from '../utils/slidingWindow';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * API gateway checks after authorization (so the caller is known): the body
 * size limit (413) and the rate budget of the route's class
 * (shared/auth/rateBudgets.ts), per API token or user and per client IP
 * (429 with Retry-After). RateLimit-* headers go out on every limited answer.
 */
export default defineEventHandler(async (event) => {
  const path = event.path.split('?')[0] ?? '/';
  if (!path.startsWith('/api/')) return;

  if (BODY_METHODS.has(event.method)) {
    // A declared oversize body is refused before anything reads it; chunked
    // bodies (no Content-Length) are counted while read (utils/bodyLimit.ts).
    const length = Number(getRequestHeader(event, 'content-length') ?? 0);
    const limit = bodyLimitOf(path);
    if (Number.isFinite(length) && length > limit) throw bodyTooLarge(limit, length);
  }
  // CORS preflights were answered by 01.security.ts; anything else OPTIONS costs nothing either.
  if (event.method === 'OPTIONS') return;

  if (process.env[RATE_LIMIT_DISABLED_ENV] === '1') return;
  const budget = resolveBudget(budgetClassOf(event.method, path));
  if (!budget) return;
  // Server-side fetches of the app itself (SSR, no socket peer) were counted with their page request.
  if (!event.node.req.socket?.remoteAddress) return;
  const principal = event.context.principal;
  // One IP may carry many callers (NAT, a proxy), so its budget is a multiple of a caller's.
  const keys = [{ key: redisKey('rl', budget.name, 'ip', clientIp(event)), limit: budget.limit * ipBudgetFactor() }];
  if (principal?.apiTokenId) {
    keys.push({ key: redisKey('rl', budget.name, 'token', principal.apiTokenId), limit: budget.limit });
  } else if (principal) {
    keys.push({ key: redisKey('rl', budget.name, 'user', principal.userId), limit: budget.limit });
  }

  let result: Awaited<ReturnType<typeof hitSlidingWindow>>;
  try {
    result = await hitSlidingWindow(useRedis(), keys, budget.windowSeconds);
  } catch (error) {
    // The limiter fails open: Redis trouble must not take the whole API down.
    console.error('[rate-limit] skipped:', (error as Error).message);
    return;
  }
  const headers = rateLimitHeaders(result);
  for (const [name, value] of Object.entries(headers)) setResponseHeader(event, name, value);
  if (result.allowed) return;
  throw new ProblemError(
    {
      ...problemOf(429, `Too many requests (budget ${budget.name}: ${result.limit} per ${budget.windowSeconds} s)`, {
        type: 'rate-limited',
      }),
      limit: budget.name,
    },
    { ...headers, 'Retry-After': String(result.resetSeconds) },
  );
});
