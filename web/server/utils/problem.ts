import { PROBLEM_TYPE_BASE, type Problem, type ProblemField, validationProblem } from '@billstream/contracts';

/**
 * Pure problem-details helpers (RFC 9457). No h3 imports here so that the
 * mapping is unit-testable; server/error.ts does the HTTP part.
 */

const TITLES: Record<number, string> = {
  400: 'Your request is malformed',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Resource not found',
  405: 'Method not allowed',
  409: 'Request conflicts with one in progress',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Your request is not valid',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service temporarily unavailable',
};

const TYPES: Record<number, string> = {
  400: 'malformed-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-error',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
};

/** Thrown by handlers and services; carries the exact problem to answer with. */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;

  constructor(problem: Problem, headers: Record<string, string> = {}) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
    this.headers = headers;
  }
}

export function problemOf(
  status: number,
  detail?: string,
  extra: { type?: string; title?: string; errors?: readonly ProblemField[] } = {},
): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${extra.type ?? TYPES[status] ?? 'error'}`,
    title: extra.title ?? TITLES[status] ?? 'Request failed',
    status,
    ...(detail ? { detail } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

export const problems = {
  invalid: (fields: readonly ProblemField[]) => new ProblemError(validationProblem(fields)),
  malformedJson: () =>
    new ProblemError(
      problemOf(400, 'The request body is not valid JSON', {
        errors: [{ name: 'body', reason: 'is not valid JSON' }],
      }),
    ),
  notFound: (detail: string, field?: ProblemField) =>
    new ProblemError(problemOf(404, detail, field ? { errors: [field] } : {})),
  conflict: (detail: string, type: string, field?: ProblemField) =>
    new ProblemError(problemOf(409, detail, { type, ...(field ? { errors: [field] } : {}) })),
  unprocessable: (detail: string, type: string, fields: readonly ProblemField[]) =>
    new ProblemError(problemOf(422, detail, { type, errors: fields })),
  unavailable: (detail: string) => new ProblemError(problemOf(503, detail), { 'Retry-After': '1' }),
  tooMany: (detail: string, type: string, retryAfterSeconds: number, extra: Record<string, unknown> = {}) =>
    new ProblemError(
      { ...problemOf(429, detail, { type }), ...extra },
      { 'Retry-After': String(Math.max(1, retryAfterSeconds)) },
    ),
};

interface HttpLikeError {
  statusCode?: unknown;
  statusMessage?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The ProblemError inside an error, if any (h3 wraps what handlers throw). */
export function findProblemError(error: unknown): ProblemError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof ProblemError) return current;
    current = (current as HttpLikeError).cause;
  }
  return undefined;
}

/**
 * Any error -> problem. Server-side failures (5xx) never leak their message:
 * it may contain SQL or broker details; the request id links to the logs.
 */
export function toProblem(error: unknown, instance: string): Problem {
  const known = findProblemError(error);
  if (known) return { ...known.problem, instance };
  const httpError = (error ?? {}) as HttpLikeError;
  const status = typeof httpError.statusCode === 'number' ? httpError.statusCode : 500;
  if (status >= 500) return { ...problemOf(status, 'An unexpected error occurred'), instance };
  const message = typeof httpError.message === 'string' ? httpError.message : undefined;
  if (status === 400 && message === 'Invalid JSON body') return { ...problems.malformedJson().problem, instance };
  if (status === 404) return { ...problemOf(404, 'No such API route'), instance };
  return { ...problemOf(status, message), instance };
}
