import { AccountRefParams, IdempotencyKey } from '@billstream/contracts';
import type { z } from 'zod';
import type { AccountRequest } from '../services/accounts/requestAccountCommand';
import { commandResponse } from './commandResponse';
import { requirePrincipal } from './principal';
import { getValidatedHeader, readJsonBody } from './request';
import { useRequestId } from './requestId';
import { parseOrProblem, validateTogether } from './validation';

type Run<B> = (
  request: AccountRequest,
  body: B,
  ref: string,
) => Promise<{ status: number; body: unknown; replayed: boolean }>;

/**
 * The handler of an account command route (POST /accounts, PATCH /accounts/:id,
 * POST /accounts/:id/<action>): validates the id (an account id or an
 * external id), the Idempotency-Key and the body together (one 422 naming
 * every bad field), then runs the command and answers 202 + Location.
 */
export function accountCommandHandler<S extends z.ZodType>(
  schema: S,
  options: { readonly action: string; readonly withRef: boolean },
  run: Run<z.output<S>>,
) {
  return defineEventHandler(async (event) => {
    const { organizationId, userId } = requirePrincipal(event);
    const rawBody = await readJsonBody(event);
    const [params, idempotencyKey, body] = validateTogether(
      () =>
        options.withRef ? parseOrProblem(AccountRefParams, getRouterParams(event, { decode: true }), 'params') : null,
      () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
      // An action needs no body: nothing sent is an empty one.
      () => parseOrProblem(schema, rawBody ?? (options.withRef ? {} : rawBody), 'body'),
    );
    const request: AccountRequest = {
      operation: `${event.method} ${event.path.split('?')[0]}`,
      organizationId,
      userId,
      idempotencyKey,
      rawBody: rawBody ?? {},
      requestId: useRequestId(event),
      action: options.action,
    };
    return commandResponse(event, await run(request, body, params?.id ?? ''));
  });
}
