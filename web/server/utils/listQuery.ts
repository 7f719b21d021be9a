import { z } from 'zod';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './pagination';

/** Longest search text a list accepts. */
export const SEARCH_TEXT_MAX = 100;
/** Deepest page an offset list serves; deeper pages should filter instead. */
export const LIST_PAGE_MAX = 10_000;

/** Free-text search of a list; blank means no search. */
export const SearchText = z
  .string()
  .trim()
  .max(SEARCH_TEXT_MAX, `must be at most ${SEARCH_TEXT_MAX} characters`)
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/**
 * Offset-paginated, sortable list query (`page`, `limit`, `sort=name|-name`,
 * `q`) for master-data lists, whose users jump to page N and sort by any
 * column; `sortable` names the columns the caller may sort by.
 */
export function listQuery<const K extends string>(sortable: readonly [K, ...K[]]) {
  const sortValues = sortable.flatMap((key) => [key, `-${key}`]) as [string, ...string[]];
  return z.object({
    page: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(LIST_PAGE_MAX, `must be at most ${LIST_PAGE_MAX}`)
      .default(1),
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(PAGE_SIZE_MAX, `must be at most ${PAGE_SIZE_MAX}`)
      .default(PAGE_SIZE_DEFAULT),
    sort: z.enum(sortValues, { error: `must be one of ${sortValues.join(', ')}` }).optional(),
    q: SearchText,
  });
}

/** Prisma orderBy for `name` / `-name`, with id as the tiebreaker so pages never overlap. */
export function orderByOf(sort: string | undefined, fallback: string): Record<string, 'asc' | 'desc'>[] {
  const chosen = sort ?? fallback;
  const desc = chosen.startsWith('-');
  const field = desc ? chosen.slice(1) : chosen;
  return [{ [field]: desc ? 'desc' : 'asc' }, { id: 'asc' }];
}

/** Links of an offset page, carrying the filter so `next` lists alike. */
export function offsetLinks(
  path: string,
  query: { page: number; limit: number },
  total: number,
  filters: Record<string, string | undefined>,
) {
  const extra = Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `&${name}=${encodeURIComponent(value as string)}`)
    .join('');
  const url = (page: number) => `${path}?page=${page}&limit=${query.limit}${extra}`;
  return { self: url(query.page), next: query.page * query.limit < total ? url(query.page + 1) : null };
}
