import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** How well a union branch fits the input: keys it does not know count most, then its other issues. */
function misfit(issues: readonly Issue[]): number {
  return issues.reduce((sum, issue) => sum + (issue.code === 'unrecognized_keys' ? 1000 : 1), 0);
}

/**
 * Issues with every failed union (e.g. an invoice line that is a product line
 * OR a free line) replaced by the issues of the branch the input was meant
 * for, the one it fits best, with full paths. So a client reads
 * `lines.0.quantity: must be greater than 0` instead of `lines.0: Invalid input`.
 * Nested unions are unwrapped by the same loop, up to UNION_DEPTH_MAX levels.
 */
export const UNION_DEPTH_MAX = 4;

export function flattenUnionIssues(issues: readonly Issue[]): Issue[] {
  let current = [...issues];
  for (let depth = 0; depth < UNION_DEPTH_MAX; depth += 1) {
    if (!current.some((issue) => issue.code === 'invalid_union' && issue.errors.length > 0)) return current;
    current = current.flatMap((issue) => {
      if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
      const best = issue.errors.reduce((a, b) => (misfit(b) < misfit(a) ? b : a));
      return best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue);
    });
  }
  return current;
}
