import type { H3Event } from 'h3';
import type { z } from 'zod';
import { bodyLimitOf } from '#shared/auth/rateBudgets';
import { readBodyTextLimited } from './bodyLimit';
import { isJsonContentType, unsupportedMediaType } from './jsonContentType';
import { problems } from './problem';
import { parseOrProblem } from './validation';

function assertJsonContentType(event: H3Event): void {
  const contentType = getRequestHeader(event, 'content-type');
  // A missing Content-Type is tolerated (curl -d without -H) on routes that
  // check the CSRF token; CSRF-exempt routes refused it already (03.authorize.ts).
  if (!contentType || isJsonContentType(contentType)) return;
  throw unsupportedMediaType();
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
