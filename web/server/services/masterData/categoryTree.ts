/** Deepest category tree we accept; also bounds every walk up the tree. */
export const CATEGORY_DEPTH_MAX = 32;

export type ParentProblem = 'cycle' | 'too-deep' | 'unknown-parent';

/**
 * Whether `id` may hang under `parentId`, given every category's parent
 * (`parents`, id -> parentId, the state after the change for all other
 * rows). Walks up from the new parent without recursion: reaching `id` is a
 * cycle, more than CATEGORY_DEPTH_MAX steps is too deep.
 */
export function checkParent(
  id: string,
  parentId: string | null,
  parents: ReadonlyMap<string, string | null>,
): ParentProblem | undefined {
  if (parentId === null) return undefined;
  let current: string | null = parentId;
  for (let depth = 0; depth < CATEGORY_DEPTH_MAX; depth++) {
    if (current === null) return undefined;
    if (current === id) return 'cycle';
    if (!parents.has(current)) return 'unknown-parent';
    current = parents.get(current) ?? null;
  }
  return current === null ? undefined : 'too-deep';
}

export const PARENT_PROBLEM_TEXT: Record<ParentProblem, string> = {
  cycle: 'would make the category its own ancestor',
  'too-deep': `would make the tree deeper than ${CATEGORY_DEPTH_MAX} levels`,
  'unknown-parent': 'is not a category of this organization',
};
