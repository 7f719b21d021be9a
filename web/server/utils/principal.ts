import type { PermissionKey } from '@billstream/contracts';
import type { H3Event } from 'h3';
import { ProblemError, problemOf } from './problem';

/** Who is calling, resolved once per request by server/middleware/02.auth.ts. */
export interface Principal {
  readonly userId: string;
  readonly organizationId: string;
  readonly email: string;
  readonly permissions: ReadonlySet<PermissionKey>;
  /** A browser session (cookies) or a personal API token (Authorization: Bearer bst_...). */
  readonly via: 'session' | 'api-token';
  readonly sessionId?: string;
  readonly csrfToken?: string;
  readonly apiTokenId?: string;
}

declare module 'h3' {
  interface H3EventContext {
    principal?: Principal;
  }
}

export function getPrincipal(event: H3Event): Principal | undefined {
  return event.context.principal;
}

export const problemsAuth = {
  unauthenticated: (detail = 'Sign in, or send an API token as Authorization: Bearer bst_...') =>
    new ProblemError(problemOf(401, detail), { 'WWW-Authenticate': 'Bearer realm="billstream"' }),
  forbidden: (detail: string) => new ProblemError(problemOf(403, detail)),
};

/** The caller; handlers of non-public routes may rely on it (the middleware refused everyone else). */
export function requirePrincipal(event: H3Event): Principal {
  const principal = getPrincipal(event);
  if (!principal) throw problemsAuth.unauthenticated();
  return principal;
}

/** The caller's browser session (for routes about the session itself). */
export function requireSession(event: H3Event): Principal & { sessionId: string } {
  const principal = requirePrincipal(event);
  if (principal.via !== 'session' || !principal.sessionId) {
    throw problemsAuth.forbidden('This route needs a signed-in browser session, not an API token');
  }
  return principal as Principal & { sessionId: string };
}
