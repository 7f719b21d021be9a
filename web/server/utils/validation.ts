import type { ProblemField } from '@billstream/contracts';
import type { z } from 'zod';
import { flattenUnionIssues } from '../../shared/validation/zodIssues';
import { ProblemError, problems } from './problem';

/**
 * One problem field per bad input, named `<location>.<path>` (e.g.
 * `body.amount`, `query.limit`, `header.idempotency-key`). Unknown keys of a
 * strict object are listed one by one, so a client sees which key to drop.
 */
export function zodProblemFields(error: z.ZodError, location: string): ProblemField[] {
  const fields: ProblemField[] = [];
  for (const issue of flattenUnionIssues(error.issues)) {
    const base = [location, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.push({ name: [...base, key].join('.'), reason: 'is not an accepted field' });
      continue;
    }
    fields.push({ name: base.join('.'), reason: issue.message });
  }
  return fields;
}

/** Parses `value` or throws a 422 problem naming every bad field. */
export function parseOrProblem<S extends z.ZodType>(schema: S, value: unknown, location: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw problems.invalid(zodProblemFields(result.error, location));
}

/**
 * Runs several validations and reports all their bad fields in one 422, so
 * a client fixes the header and the body in one round trip, not two.
 */
export function validateTogether<T extends unknown[]>(...parsers: { [K in keyof T]: () => T[K] }): T {
  const fields: ProblemField[] = [];
  const values = parsers.map((parse) => {
    try {
      return parse();
    } catch (error) {
      const found = error instanceof ProblemError && error.problem.status === 422 ? error.problem.errors : undefined;
      if (!found) throw error;
      fields.push(...found);
      return undefined;
    }
  });
  if (fields.length > 0) throw problems.invalid(fields);
  return values as T;
}
