import type { H3Event } from 'h3';
import type { z } from 'zod';
import { bodyLimitOf } from '#shared/auth/rateBudgets';
import { readBodyTextLimited } from './bodyLimit';
import { ProblemError, problemOf, problems } from './problem';
import { parseOrProblem } from './validation';

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

/**
 * The JSON body as sent (unvalidated): 413 beyond the route's limit
 * (bodyLimitOf; also for chunked bodies without Content-Length), 400 when it
 * is not JSON at all.
 */
export async function readJsonBody(event: H3Event): Promise<unknown> {
  assertJsonContentType(event);
  const text = await readBodyTextLimited(event, bodyLimitOf(event.path.split('?')[0] ?? '/'));
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
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
