import { PROBLEM_CONTENT_TYPE } from '@billstream/contracts';
import { findProblemError, toProblem } from './utils/problem';
import { useRequestId } from './utils/requestId';

/**
 * Every /api error leaves as application/problem+json. Other paths are left
 * unhandled so that Nuxt's error handler (next in the chain) renders its page.
 */
export default defineNitroErrorHandler((error, event) => {
  if (!event.path.startsWith('/api/')) return;
  const requestId = useRequestId(event);
  const problem = toProblem(error, event.path.split('?')[0] ?? event.path);
  if (problem.status >= 500) {
    console.error(`[api] ${requestId} ${event.method} ${event.path} failed:`, error.cause ?? error);
  }
  for (const [name, value] of Object.entries(findProblemError(error)?.headers ?? {})) {
    setResponseHeader(event, name, value);
  }
  setResponseHeader(event, 'Content-Type', PROBLEM_CONTENT_TYPE);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  setResponseStatus(event, problem.status);
  return send(event, JSON.stringify({ ...problem, requestId }));
});
