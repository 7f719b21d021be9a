import { z } from 'zod';

/** Rows of a list page when the client names no `limit`. */
export const LIST_LIMIT_DEFAULT = 20;
/** Most rows one list page may hold, unless a list names its own bound. */
export const LIST_LIMIT_MAX = 100;
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

/** `name` sorts ascending, `-name` descending: the values a list with these columns accepts. */
export function sortValues<const K extends string>(sortable: readonly [K, ...K[]]) {
  return sortable.flatMap((key) => [key, `-${key}`]) as [K | `-${K}`, ...(K | `-${K}`)[]];
}

export interface ListLimits {
  /** Most rows one page may hold (a picker that needs every row asks for this many). */
  readonly max: number;
  readonly fallback?: number;
}

/**
 * Offset-paginated, sortable list query (`page`, `limit`, `sort=name|-name`,
 * `q`) for lists whose users jump to page N and sort by a column; `sortable`
 * names the columns the caller may sort by. The one shape the DataTable of
 * the web app sends.
 */
export function listQuery<const K extends string>(
  sortable: readonly [K, ...K[]],
  limits: ListLimits = { max: LIST_LIMIT_MAX },
) {
  const values = sortValues(sortable);
  const fallback = Math.min(limits.fallback ?? LIST_LIMIT_DEFAULT, limits.max);
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
      .max(limits.max, `must be at most ${limits.max}`)
      .default(fallback),
    sort: z.enum(values, { error: `must be one of ${values.join(', ')}` }).optional(),
    q: SearchText,
  });
}
