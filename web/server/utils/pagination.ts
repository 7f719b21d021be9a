import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, type PageQuery } from '@billstream/contracts';
import { z } from 'zod';
import { problems } from './problem';

/** Page size when the client names none, and the most one page may hold: the same as offset lists. */
export const PAGE_SIZE_DEFAULT = LIST_LIMIT_DEFAULT;
export const PAGE_SIZE_MAX = LIST_LIMIT_MAX;

const CursorKey = z.object({ after: z.uuid() });

/**
 * Keyset cursors: opaque to clients, they name the last row of the previous
 * page so the next page starts right after it even while rows are inserted
 * (offsets would skip or repeat rows).
 */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

/** The row id a cursor points after, or undefined when it was not made by us. */
export function decodeCursor(cursor: string): string | undefined {
  try {
    const parsed = CursorKey.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.after : undefined;
  } catch {
    return undefined;
  }
}

/** The id to continue after; a 422 naming query.cursor when it is not ours. */
export function afterId(query: PageQuery): string | undefined {
  if (query.cursor === undefined) return undefined;
  const id = decodeCursor(query.cursor);
  if (!id) throw problems.invalid([{ name: 'query.cursor', reason: 'is not a cursor this API returned' }]);
  return id;
}

/** Cuts the one extra row fetched to learn whether a next page exists. */
export function sliceWithCursor<T>(rows: T[], limit: number, idOf: (row: T) => string) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(idOf(last)) : null;
  return { data, nextCursor };
}

function pageUrl(path: string, limit: number, cursor: string | undefined, filters: string): string {
  return cursor
    ? `${path}?limit=${limit}&cursor=${encodeURIComponent(cursor)}${filters}`
    : `${path}?limit=${limit}${filters}`;
}

/** Links of a page; `filters` (e.g. {action}) are carried into them so the next page filters alike. */
export function pageLinks(
  path: string,
  query: PageQuery,
  nextCursor: string | null,
  filters: Record<string, string | undefined> = {},
) {
  const extra = Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `&${name}=${encodeURIComponent(value as string)}`)
    .join('');
  return {
    self: pageUrl(path, query.limit, query.cursor, extra),
    next: nextCursor ? pageUrl(path, query.limit, nextCursor, extra) : null,
  };
}
