import { randomUUID } from 'node:crypto';
import type { H3Event } from 'h3';

const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Echo a caller's X-Request-Id so logs correlate across services, but only a
 * sane one: anything else could inject into log lines or headers.
 */
export function chooseRequestId(incoming: string | undefined): string {
  return incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The request id of this request, assigned once and set on the response. */
export function useRequestId(event: H3Event): string {
  const existing = event.context.requestId as string | undefined;
  if (existing) return existing;
  const id = chooseRequestId(getRequestHeader(event, 'x-request-id'));
  event.context.requestId = id;
  setResponseHeader(event, 'X-Request-Id', id);
  return id;
}
