import { createHash } from 'node:crypto';
import type { H3Event } from 'h3';
import { redisKey, useRedis } from './redis';

/** Resources whose GETs are cached; a change bumps the resource's version. */
export type CachedResource = 'categories' | 'products' | 'configurations' | 'accounts' | 'transactions';

/** How long a master-data answer may live; changes invalidate earlier, this only bounds memory. */
export const MASTER_DATA_CACHE_TTL_SECONDS = 300;
/** Views change from the stream processors, which do not invalidate: keep them briefly. */
export const VIEW_CACHE_TTL_SECONDS = 1;
/** Bodies larger than this are not cached (an export, a very large page). */
export const CACHE_BODY_BYTES_MAX = 256 * 1024;

const versionKey = (organizationId: string, resource: CachedResource) =>
  redisKey('cache', organizationId, resource, 'version');

/**
 * Cache key: organization + resource + its version + route + query. The
 * organization is in the key, so one organization never reads another's
 * answer; a change bumps the version, so older entries are never read
 * again and expire on their own.
 */
function bodyKey(organizationId: string, resource: CachedResource, version: string, event: H3Event): string {
  const digest = createHash('sha256').update(event.path).digest('base64url');
  return redisKey('cache', organizationId, resource, `v${version}`, digest);
}

/**
 * Read-through cache of a GET answer in Redis. Redis trouble only costs the
 * cache: the answer is then computed as if nothing was cached. Expected
 * failures (a ProblemError, e.g. 404) are thrown by `load` and never cached.
 */
export async function cachedRead<T>(
  event: H3Event,
  scope: { organizationId: string; resource: CachedResource; ttlSeconds: number },
  load: () => Promise<T>,
): Promise<T> {
  const redis = useRedis();
  // A client that asks for no-cache (RFC 9111) gets a fresh answer, which refreshes the entry.
  const fresh = /\bno-cache\b/i.test(getRequestHeader(event, 'cache-control') ?? '');
  let key: string | undefined;
  try {
    const version = (await redis.get(versionKey(scope.organizationId, scope.resource))) ?? '0';
    key = bodyKey(scope.organizationId, scope.resource, version, event);
    const hit = fresh ? null : await redis.get(key);
    if (hit !== null) {
      setResponseHeader(event, 'X-Cache', 'hit');
      return JSON.parse(hit) as T;
    }
  } catch (error) {
    console.error('[read-cache] lookup skipped:', error instanceof Error ? error.message : error);
  }
  const body = await load();
  setResponseHeader(event, 'X-Cache', 'miss');
  const text = JSON.stringify(body);
  if (key && text.length <= CACHE_BODY_BYTES_MAX) {
    await redis.set(key, text, 'EX', scope.ttlSeconds).catch((error: Error) => {
      console.error('[read-cache] store skipped:', error.message);
    });
  }
  return body;
}

/**
 * Called after a change committed: bumps the version of each resource, so
 * every cached answer of it is stale at once. When Redis is unreachable the
 * entries still expire after their TTL.
 */
export async function invalidateReads(organizationId: string, resources: readonly CachedResource[]): Promise<void> {
  const redis = useRedis();
  await Promise.all(
    resources.map((resource) =>
      redis.incr(versionKey(organizationId, resource)).catch((error: Error) => {
        console.error('[read-cache] invalidation failed:', error.message);
      }),
    ),
  );
}
