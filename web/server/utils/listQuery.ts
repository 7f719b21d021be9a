// The list query schemas are contracts (the DataTable of the app sends them);
// the server keeps only how it turns them into Prisma arguments and links.
import type { ListPage } from '#shared/types/listQuery';

export { LIST_PAGE_MAX, listQuery, SEARCH_TEXT_MAX, SearchText } from '@billstream/contracts';

type Direction = 'asc' | 'desc';

/**
 * Prisma orderBy for `name` / `-name`, with id as the tiebreaker so pages
 * never overlap. Rows without a value in a `nullable` column come last either
 * way (Prisma accepts `nulls` on nullable columns only).
 */
export function orderByOf(
  sort: string | undefined,
  fallback: string,
  nullable: ReadonlySet<string> = new Set(),
): Record<string, Direction | { sort: Direction; nulls: 'last' }>[] {
  const chosen = sort ?? fallback;
  const desc = chosen.startsWith('-');
  const field = desc ? chosen.slice(1) : chosen;
  const direction: Direction = desc ? 'desc' : 'asc';
  return [{ [field]: nullable.has(field) ? { sort: direction, nulls: 'last' } : direction }, { id: 'asc' }];
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

/** Rows an offset page skips. */
export function skipOf(query: { page: number; limit: number }): number {
  return (query.page - 1) * query.limit;
}

/** The ListPage of an offset list: one page of rows, the total for page numbers, links carrying the filter. */
export function offsetPage<T>(
  path: string,
  query: { page: number; limit: number },
  data: T[],
  total: number,
  filters: Record<string, string | undefined>,
): ListPage<T> {
  return {
    data,
    page: { limit: query.limit, page: query.page, total, nextCursor: null },
    links: offsetLinks(path, query, total, filters),
  };
}
