import type { LocationQuery } from 'vue-router';
import { formatSort, type ListPage, parseSort } from '#shared/types/listQuery';

/** Rows per page when the URL names none. */
export const DATA_TABLE_LIMIT_DEFAULT = 20;
/** How long the search box waits for typing to pause before querying. */
const SEARCH_DEBOUNCE_MS = 300;

export interface DataTableOptions {
  readonly limit?: number;
  /** e.g. `name` or `-updatedAt`; used when the URL has no `sort`. */
  readonly defaultSort?: string;
  /** Extra query parameters the page filters by (e.g. `categoryId`, `active`). */
  readonly filters?: readonly string[];
}

function text(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === null || first === undefined || first === '' ? undefined : first;
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * Server-side table state kept in the URL query (`page`, `limit`, `sort`,
 * `q`, `cursor`, `hide` and the page's filters), so a reload, a shared link
 * and an export all see the same rows. Fetches `url` with that query.
 */
export function useDataTable<T>(url: MaybeRefOrGetter<string>, options: DataTableOptions = {}) {
  const route = useRoute();
  const router = useRouter();
  const limitDefault = options.limit ?? DATA_TABLE_LIMIT_DEFAULT;
  const filterNames = options.filters ?? [];

  const state = computed(() => {
    const query = route.query;
    const filters: Record<string, string | undefined> = {};
    for (const name of filterNames) filters[name] = text(query[name]);
    return {
      page: positive(text(query.page), 1),
      limit: positive(text(query.limit), limitDefault),
      sort: text(query.sort) ?? options.defaultSort,
      q: text(query.q),
      cursor: text(query.cursor),
      hidden: (text(query.hide) ?? '').split(',').filter(Boolean),
      filters,
    };
  });

  /** The filter of the list without paging: what an export should honour. */
  const filterQuery = computed(() => {
    const { sort, q, filters } = state.value;
    return Object.fromEntries(
      Object.entries({ sort, q, ...filters }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
  });

  const apiQuery = computed(() => {
    const { page, limit, cursor } = state.value;
    return cursor ? { ...filterQuery.value, limit, cursor } : { ...filterQuery.value, limit, page };
  });

  const fetched = useFetch<ListPage<T>>(url, { query: apiQuery, watch: [apiQuery] });

  function update(changes: Record<string, string | number | undefined>) {
    const next: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...route.query, ...changes })) {
      const single = typeof value === 'number' ? String(value) : text(value as LocationQuery[string]);
      if (single !== undefined) next[name] = single;
    }
    return router.replace({ query: next });
  }

  const sorting = computed({
    get: () => {
      const parsed = parseSort(state.value.sort);
      return parsed ? [parsed] : [];
    },
    set: (value: { id: string; desc: boolean }[]) =>
      update({ sort: formatSort(value[0]) ?? '', page: undefined, cursor: undefined }),
  });

  const columnVisibility = computed({
    get: () => Object.fromEntries(state.value.hidden.map((id) => [id, false])) as Record<string, boolean>,
    set: (value: Record<string, boolean>) =>
      update({
        hide: Object.entries(value)
          .filter(([, visible]) => !visible)
          .map(([id]) => id)
          .join(','),
      }),
  });

  const search = ref(state.value.q ?? '');
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  watch(search, (value) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => update({ q: value.trim(), page: undefined, cursor: undefined }), SEARCH_DEBOUNCE_MS);
  });

  return {
    state,
    filterQuery,
    apiQuery,
    rows: computed<T[]>(() => fetched.data.value?.data ?? []),
    total: computed(() => fetched.data.value?.page.total),
    nextCursor: computed(() => fetched.data.value?.page.nextCursor ?? null),
    status: fetched.status,
    error: fetched.error,
    refresh: fetched.refresh,
    sorting,
    columnVisibility,
    search,
    setPage: (page: number) => update({ page, cursor: undefined }),
    setCursor: (cursor: string | undefined) => update({ cursor, page: undefined }),
    setFilter: (name: string, value: string | undefined) =>
      update({ [name]: value, page: undefined, cursor: undefined }),
  };
}

export type DataTableState<T> = ReturnType<typeof useDataTable<T>>;
