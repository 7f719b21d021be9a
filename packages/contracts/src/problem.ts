import type { z } from 'zod';

/** RFC 9457 problem details, the body of every HTTP error. */
export interface ProblemField {
  /** Dotted path of the offending field, e.g. `body.amount` or `header.idempotency-key`. */
  readonly name: string;
  readonly reason: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly ProblemField[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://billstream.dev/problems/';

/** Turns zod issues into one named entry per bad field. */
export function problemFields(error: z.ZodError, location: string): ProblemField[] {
  return error.issues.map((issue) => ({
    name: [location, ...issue.path.map(String)].filter(Boolean).join('.'),
    reason: issue.message,
  }));
}

export function validationProblem(fields: readonly ProblemField[], instance?: string): Problem {
  if (fields.length === 0) throw new Error('a validation problem needs at least one field');
  return {
    type: `${PROBLEM_TYPE_BASE}validation-error`,
    title: 'Your request is not valid',
    status: 422,
    detail: fields.map((field) => `${field.name}: ${field.reason}`).join('; '),
    errors: fields,
    ...(instance ? { instance } : {}),
  };
}
