import type { CategoryResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';

/** Pages read to build the whole tree (100 categories each). */
const CATEGORY_PAGES_MAX = 100;
const CATEGORY_PAGE_SIZE = 100;

/** Every category of the organization, for the tree and for pickers. */
export function useAllCategories() {
  // Forwards the session cookie during SSR; taken here, while the Nuxt context is set.
  const request = useRequestFetch();
  return useAsyncData(
    'all-categories',
    async () => {
      const all: CategoryResource[] = [];
      for (let page = 1; page <= CATEGORY_PAGES_MAX; page++) {
        const answer = await request<ListPage<CategoryResource>>('/api/v1/categories', {
          query: { page, limit: CATEGORY_PAGE_SIZE, sort: 'name' },
        });
        all.push(...answer.data);
        if (all.length >= (answer.page.total ?? 0) || answer.data.length === 0) break;
      }
      return all;
    },
    { default: () => [] as CategoryResource[] },
  );
}

export interface TreeRow {
  readonly category: CategoryResource;
  readonly depth: number;
}

/** Depth-first rows of the tree (children under their parent, by name), built with an explicit stack. */
export function treeRows(categories: readonly CategoryResource[]): TreeRow[] {
  const children = new Map<string | null, CategoryResource[]>();
  const ids = new Set(categories.map((category) => category.id));
  for (const category of categories) {
    const parent = category.parentId && ids.has(category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const rows: TreeRow[] = [];
  const stack: TreeRow[] = [...(children.get(null) ?? [])].reverse().map((category) => ({ category, depth: 0 }));
  const visited = new Set<string>();
  while (stack.length > 0) {
    const row = stack.pop() as TreeRow;
    if (visited.has(row.category.id)) continue;
    visited.add(row.category.id);
    rows.push(row);
    const below = children.get(row.category.id) ?? [];
    for (const child of [...below].reverse()) stack.push({ category: child, depth: row.depth + 1 });
  }
  return rows;
}
