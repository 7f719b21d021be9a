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

/** Failures counted so far in the window. */
export async function failureCount(limit: LockoutLimit, subject: string): Promise<number> {
  return Number((await useRedis().get(counterKey(limit, subject))) ?? 0);
}

/** Seconds left of a lockout, 0 when not locked. */
export async function lockoutSecondsLeft(limit: LockoutLimit, subject: string): Promise<number> {
  const ttl = await useRedis().ttl(lockKey(limit, subject));
  return ttl > 0 ? ttl : 0;
}

/** Counts a failure; returns true when this one reached the limit and locked the subject out. */
export async function recordFailure(limit: LockoutLimit, subject: string): Promise<boolean> {
  const key = counterKey(limit, subject);
  const replies = await useRedis().multi().incr(key).expire(key, limit.windowSeconds, 'NX').exec();
  const count = Number(replies?.[0]?.[1] ?? 0);
  if (count < limit.max) return false;
  await useRedis().set(lockKey(limit, subject), '1', 'EX', limit.lockoutSeconds);
  return count === limit.max;
}

/** A success forgets earlier failures (the lockout itself, if any, runs out on its own). */
export async function clearFailures(limit: LockoutLimit, subject: string): Promise<void> {
  await useRedis().del(counterKey(limit, subject));
}
