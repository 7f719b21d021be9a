import type { H3Event } from 'h3';
import type { z } from 'zod';
import { ProblemError, problemOf, problems } from './problem';
import { parseOrProblem } from './validation';

/** Commands are small; anything bigger is a mistake or an attack. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

function assertJsonContentType(event: H3Event): void {
  const contentType = getRequestHeader(event, 'content-type');
  // A missing Content-Type is tolerated (curl -d without -H); a different one is not.
  if (!contentType || /^application\/([\w.+-]+\+)?json\b/i.test(contentType)) return;
  throw new ProblemError(
    problemOf(415, 'Send the body as application/json', {
      errors: [{ name: 'header.content-type', reason: 'must be application/json' }],
    }),
  );
}

function assertBodySize(event: H3Event): void {
  const length = Number(getRequestHeader(event, 'content-length') ?? 0);
  if (length <= MAX_JSON_BODY_BYTES) return;
  throw new ProblemError(problemOf(413, `The body must be at most ${MAX_JSON_BODY_BYTES} bytes`));
}

/** The JSON body as sent (unvalidated): 400 when it is not JSON at all. */
export async function readJsonBody(event: H3Event): Promise<unknown> {
  assertJsonContentType(event);
  assertBodySize(event);
  try {
    return await readBody(event, { strict: true });
  } catch {
    throw problems.malformedJson();
  }
}

/** Like h3's readValidatedBody, but failures are 400/422 problems naming fields. */
export async function readValidatedJson<S extends z.ZodType>(event: H3Event, schema: S): Promise<z.output<S>> {
  return parseOrProblem(schema, await readJsonBody(event), 'body');
}

export function getValidatedParams<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return parseOrProblem(schema, getRouterParams(event, { decode: true }), 'params');
}

export function getValidatedQueryParams<S extends z.ZodType>(event: H3Event, schema: S): z.output<S> {
  return parseOrProblem(schema, getQuery(event), 'query');
}

export function getValidatedHeader<S extends z.ZodType>(event: H3Event, name: string, schema: S): z.output<S> {
  return parseOrProblem(schema, getRequestHeader(event, name), `header.${name.toLowerCase()}`);
}
