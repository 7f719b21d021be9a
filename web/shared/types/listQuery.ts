/**
 * The query of every server-paginated list (DataTable on the page, the list
 * and export handlers on the server): one shape, so an export can reuse the
 * exact filter the user sees.
 */
export interface ListPageInfo {
  readonly limit: number;
  /** Keyset lists answer a cursor; offset lists answer page + total. */
  readonly nextCursor: string | null;
  readonly page?: number;
  readonly total?: number;
}

export interface ListPage<T> {
  readonly data: T[];
  readonly page: ListPageInfo;
  readonly links: { readonly self: string; readonly next: string | null };
}

/** `name` sorts ascending, `-name` descending. */
export function parseSort(sort: string | undefined): { id: string; desc: boolean } | undefined {
  if (!sort) return undefined;
  return sort.startsWith('-') ? { id: sort.slice(1), desc: true } : { id: sort, desc: false };
}

export function formatSort(sorting: { id: string; desc: boolean } | undefined): string | undefined {
  if (!sorting) return undefined;
  return sorting.desc ? `-${sorting.id}` : sorting.id;
}
