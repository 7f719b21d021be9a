import type { H3Event } from 'h3';
import type { CommandResult } from '../services/idempotency/runIdempotentCommand';

/** Maps an idempotent command's stored or fresh answer onto the response (replays say so). */
export function respondToCommand(event: H3Event, result: CommandResult, requestId: string, problemType: string) {
  setResponseStatus(event, result.status);
  if (result.replayed) setResponseHeader(event, 'Idempotent-Replayed', 'true');
  if (result.status >= 400) {
    setResponseHeader(event, 'Content-Type', problemType);
    return JSON.stringify({ ...(result.body as object), requestId });
  }
  return result.body;
}
