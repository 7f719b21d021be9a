import { CreateTransactionBody, IdempotencyKey, PROBLEM_CONTENT_TYPE } from '@billstream/contracts';
import { requestTransaction } from '../../services/transactions/requestTransaction';
import { serverConfig } from '../../utils/config';
import { requirePrincipal } from '../../utils/principal';
import { invalidateReads } from '../../utils/readCache';
import { getValidatedHeader, readJsonBody } from '../../utils/request';
import { requestOrigin } from '../../utils/requestContext';
import { useRequestId } from '../../utils/requestId';
import { parseOrProblem, validateTogether } from '../../utils/validation';

/** POST /api/v1/transactions: accept a credit or debit command (202) or replay the first answer. */
export default defineEventHandler(async (event) => {
  const { organizationId, userId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [idempotencyKey, body] = validateTogether(
    () => getValidatedHeader(event, 'Idempotency-Key', IdempotencyKey),
    () => parseOrProblem(CreateTransactionBody, rawBody, 'body'),
  );
  const requestId = useRequestId(event);
  const { ip } = requestOrigin(event);
  const result = await requestTransaction({ idempotencyKey, rawBody, body, requestId, organizationId, userId, ip });
  // The caller's next list read shows its pending command at once; what the
  // ledger changes later reaches the views' short-lived cache entries by TTL.
  if (!result.replayed) await invalidateReads(organizationId, ['transactions']);

  setResponseStatus(event, result.status);
  if (result.replayed) setResponseHeader(event, 'Idempotent-Replayed', 'true');
  if (result.status >= 400) {
    // A stored refusal (404/422) is replayed exactly as it was first answered.
    setResponseHeader(event, 'Content-Type', PROBLEM_CONTENT_TYPE);
    // Like every problem, it names this request (instance, requestId), not the first one.
    return JSON.stringify({ ...(result.body as object), instance: event.path.split('?')[0], requestId });
  }
  const self = (result.body as { links?: { self?: string } }).links?.self;
  if (self) setResponseHeader(event, 'Location', `${serverConfig().publicUrl}${self}`);
  return result.body;
});
