import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Sliding-window rate limiting in Redis: one sorted set per key whose members
 * are the hits of the last window (score = time in ms). One Lua script checks
 * every key of a request (caller and IP) atomically and records the hit in all
 * of them only when none is over its limit.
 */
const SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local member = ARGV[3]
local allowed = 1
local bindLimit, bindRemaining, bindReset = 0, nil, 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[3 + i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  local reset = window
  if count > 0 then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    reset = tonumber(oldest[2]) + window - now
  end
  local remaining = limit - count
  if remaining <= 0 then allowed = 0 end
  if bindRemaining == nil or remaining < bindRemaining then
    bindLimit, bindRemaining, bindReset = limit, remaining, reset
  end
end
if allowed == 1 then
  for _, key in ipairs(KEYS) do
    redis.call('ZADD', key, now, member)
    redis.call('PEXPIRE', key, window)
  end
  bindRemaining = bindRemaining - 1
end
return {allowed, bindLimit, math.max(bindRemaining, 0), bindReset}
`;

export interface WindowKey {
  readonly key: string;
  readonly limit: number;
}

export interface WindowResult {
  readonly allowed: boolean;
  /** The binding (tightest) key's limit, remaining hits and seconds until a slot frees. */
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

type ScriptedRedis = Redis & { billstreamSlidingWindow?: (...args: (string | number)[]) => Promise<number[]> };

export async function hitSlidingWindow(
  redis: Redis,
  keys: readonly WindowKey[],
  windowSeconds: number,
  now = Date.now(),
): Promise<WindowResult> {
  const client = redis as ScriptedRedis;
  if (!client.billstreamSlidingWindow) client.defineCommand('billstreamSlidingWindow', { lua: SCRIPT });
  const reply = await client.billstreamSlidingWindow!(
    keys.length,
    ...keys.map((entry) => entry.key),
    now,
    windowSeconds * 1000,
    `${now}-${randomUUID()}`,
    ...keys.map((entry) => entry.limit),
  );
  const [allowed, limit, remaining, resetMs] = reply.map(Number);
  return {
    allowed: allowed === 1,
    limit: limit ?? 0,
    remaining: remaining ?? 0,
    resetSeconds: Math.max(1, Math.ceil((resetMs ?? 0) / 1000)),
  };
}

/** The RateLimit-* header fields (draft-ietf-httpapi-ratelimit-headers) of a result. */
export function rateLimitHeaders(result: WindowResult): Record<string, string> {
  return {
    'RateLimit-Limit': String(result.limit),
    'RateLimit-Remaining': String(result.remaining),
    'RateLimit-Reset': String(result.resetSeconds),
  };
}
