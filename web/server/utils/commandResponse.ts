import { PROBLEM_CONTENT_TYPE } from '@billstream/contracts';
import type { H3Event } from 'h3';

/** Sends an accepted (202) or stored-refusal answer of an idempotent command, as POST /transactions does. */
export function sendCommandResult(
  event: H3Event,
  result: { status: number; body: unknown; replayed: boolean },
  requestId: string,
): unknown {
  setResponseStatus(event, result.status);
  if (result.replayed) setResponseHeader(event, 'Idempotent-Replayed', 'true');
  if (result.status >= 400) {
    setResponseHeader(event, 'Content-Type', PROBLEM_CONTENT_TYPE);
    return JSON.stringify({ ...(result.body as object), requestId });
  }
  return result.body;
}
