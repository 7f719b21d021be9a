import { createHash } from 'node:crypto';
import type { H3Event } from 'h3';

/** A strong ETag: the SHA-256 of the JSON body. */
export function etagOf(body: unknown): string {
  return `"${createHash('sha256')
    .update(JSON.stringify(body) ?? '')
    .digest('base64url')}"`;
}

/** True when an If-None-Match header names the tag (or is `*`). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((entry) => entry.trim().replace(/^W\//, ''))
    .some((entry) => entry === '*' || entry === etag);
}

/**
 * Conditional GET: sends the ETag and answers 304 without a body when the
 * caller already holds this representation. The tag is computed from the
 * body the caller's own (organization-scoped) query produced, so it never
 * reveals another organization's data. Responses stay private and are
 * revalidated on every use (`no-cache`).
 */
export function withEtag<T>(event: H3Event, body: T): T {
  const etag = etagOf(body);
  setResponseHeader(event, 'ETag', etag);
  setResponseHeader(event, 'Cache-Control', 'private, no-cache');
  if (ifNoneMatchHits(getRequestHeader(event, 'if-none-match'), etag)) {
    sendNoContent(event, 304);
  }
  return body;
}
