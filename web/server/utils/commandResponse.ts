import { PROBLEM_CONTENT_TYPE } from '@billstream/contracts';
import type { H3Event } from 'h3';
import { serverConfig } from './config';
import { useRequestId } from './requestId';

/**
 * Answers an idempotent command: the status it was first answered with, the
 * Idempotent-Replayed header on a replay, and Location of the resource to poll.
 */
export function commandResponse(event: H3Event, result: { status: number; body: unknown; replayed: boolean }) {
  setResponseStatus(event, result.status);
  if (result.replayed) setResponseHeader(event, 'Idempotent-Replayed', 'true');
  if (result.status >= 400) {
    setResponseHeader(event, 'Content-Type', PROBLEM_CONTENT_TYPE);
    return JSON.stringify({ ...(result.body as object), requestId: useRequestId(event) });
  }
  const self = (result.body as { links?: { self?: string } }).links?.self;
  if (self) setResponseHeader(event, 'Location', `${serverConfig().publicUrl}${self}`);
  return result.body;
}
