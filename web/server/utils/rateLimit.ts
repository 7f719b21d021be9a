import type { Redis } from 'ioredis';
import type { FixedWindowLimit, LockoutLimit } from './authSettings';
import { problems } from './problem';
import { redisKey, useRedis } from './redis';

function counterKey(limit: FixedWindowLimit, subject: string): string {
  return redisKey('limit', limit.name, subject.toLowerCase());
}

function lockKey(limit: LockoutLimit, subject: string): string {
  return redisKey('lock', limit.name, subject.toLowerCase());
}

/** Counts one hit in the limit's fixed window; 429 naming the limit once it is exceeded. */
export async function hitRateLimit(limit: FixedWindowLimit, subject: string): Promise<void> {
  const key = counterKey(limit, subject);
  const replies = await useRedis().multi().incr(key).expire(key, limit.windowSeconds, 'NX').ttl(key).exec();
  const count = Number(replies?.[0]?.[1] ?? 0);
  const ttl = Number(replies?.[2]?.[1] ?? limit.windowSeconds);
  if (count <= limit.max) return;
  const detail = `Too many requests (limit ${limit.name}: ${limit.max} per ${limit.windowSeconds} s)`;
  throw problems.tooMany(detail, 'rate-limited', ttl, { limit: limit.name });
}

/**
 * One sign-in attempt against several lockout counters, atomically: refused
 * when any counter has used its budget, else counted in all of them before
 * the password is checked (so parallel attempts cannot all slip under the
 * limit). The attempt that uses a budget up stretches that counter to its
 * lockout period; if it fails, the lockout stands.
 * KEYS: counters. ARGV: per key max, windowSeconds, lockoutSeconds.
 * Reply: {1, counts...} when admitted, {0, index of the full key, ttl} when refused.
 */
const ADMIT_SCRIPT = `
for i, key in ipairs(KEYS) do
  local max = tonumber(ARGV[3 * i - 2])
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= max then
    return {0, i, redis.call('TTL', key)}
  end
end
local reply = {1}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, tonumber(ARGV[3 * i - 1])) end
  if count >= tonumber(ARGV[3 * i - 2]) then redis.call('EXPIRE', key, tonumber(ARGV[3 * i])) end
  reply[i + 1] = count
end
return reply
`;

/** Gives an admitted attempt back: KEYS[1] is forgotten, the others are decremented (never below 0). */
const RELEASE_SCRIPT = `
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`;

export interface LockoutSubject {
  readonly limit: LockoutLimit;
  readonly subject: string;
}

export type Admission =
  | { readonly admitted: true /** This attempt's number per subject, 1-based. */; readonly counts: readonly number[] }
  | { readonly admitted: false; readonly limit: LockoutLimit; readonly secondsLeft: number };

type ScriptedRedis = Redis & {
  billstreamAdmitAttempt?: (...args: (string | number)[]) => Promise<number[]>;
  billstreamReleaseAttempt?: (...args: (string | number)[]) => Promise<number>;
};

function scripted(): Required<Pick<ScriptedRedis, 'billstreamAdmitAttempt' | 'billstreamReleaseAttempt'>> {
  const client = useRedis() as ScriptedRedis;
  if (!client.billstreamAdmitAttempt) client.defineCommand('billstreamAdmitAttempt', { lua: ADMIT_SCRIPT });
  if (!client.billstreamReleaseAttempt) client.defineCommand('billstreamReleaseAttempt', { lua: RELEASE_SCRIPT });
  return client as Required<ScriptedRedis>;
}

/** Counts an attempt under every subject's lockout limit, or says which one refuses it. */
export async function admitAttempt(subjects: readonly LockoutSubject[]): Promise<Admission> {
  const args = subjects.flatMap(({ limit }) => [limit.max, limit.windowSeconds, limit.lockoutSeconds]);
  const keys = subjects.map(({ limit, subject }) => lockKey(limit, subject));
  const [admitted, ...rest] = (await scripted().billstreamAdmitAttempt(keys.length, ...keys, ...args)).map(Number);
  if (admitted === 1) return { admitted: true, counts: rest };
  const [index = 1, ttl = 0] = rest;
  const limit = (subjects[index - 1] ?? subjects[0])!.limit;
  return { admitted: false, limit, secondsLeft: ttl > 0 ? ttl : limit.lockoutSeconds };
}

/** A right password: the first subject's attempts are forgotten, the others get this attempt back. */
export async function releaseAttempt(subjects: readonly LockoutSubject[]): Promise<void> {
  const keys = subjects.map(({ limit, subject }) => lockKey(limit, subject));
  await scripted().billstreamReleaseAttempt(keys.length, ...keys);
}

/** Keys deleted per SCAN page while clearing an account's lockouts. */
const CLEAR_SCAN_PAGE_KEYS = 100;

/** Forgets every counter of `limit` whose subject starts with `prefix` (an account's lockouts at all IPs). */
export async function clearLockouts(limit: LockoutLimit, prefix: string): Promise<void> {
  const redis = useRedis();
  // Glob characters in an e-mail address must match literally.
  const pattern = `${lockKey(limit, prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', CLEAR_SCAN_PAGE_KEYS);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
