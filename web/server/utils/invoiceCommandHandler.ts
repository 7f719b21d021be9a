import { IdempotencyKey, IdParams } from '@billstream/contracts';
import type { z } from 'zod';
import type { InvoiceCommandRequest } from '../services/invoices/precheckInvoiceCommand';
import { requestInvoiceCommand } from '../services/invoices/requestInvoiceCommand';
import { commandResponse } from './commandResponse';
import { requirePrincipal } from './principal';
import { getValidatedHeader, readJsonBody } from './request';
import { useRequestId } from './requestId';
import { parseOrProblem, validateTogether } from './validation';

/**
 * The handler of POST /api/v1/invoices/:id/<command>: validates the id, the
 * Idempotency-Key and the body together (one 422 naming every bad field),
 * then hands the command to requestInvoiceCommand.
 */
export function invoiceCommandHandler<S extends z.ZodType>(
  schema: S,
  toRequest: (body: z.output<S>) => InvoiceCommandRequest,
) {
  return defineEventHandler(async (event) => {
    const { organizationId } = requirePrincipal(event);
    const rawBody = await readJsonBody(event);
    const [params, idempotencyKey, body] = validateTogether(
      () => parseOrProblem(IdParams, getRouterParams(event, { decode: true }), 'params'),
      () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
      () => parseOrProblem(schema, rawBody, 'body'),
    );
    const result = await requestInvoiceCommand({
      invoiceId: params.id,
      request: toRequest(body),
      idempotencyKey,
      rawBody: rawBody ?? {},
      requestId: useRequestId(event),
      organizationId,
    });
    return commandResponse(event, result);
  });
}
