import { SIGNATURE_HEADER } from '@billstream/payments';
import { MAX_JSON_BODY_BYTES } from '#shared/auth/rateBudgets';
import { receiveGatewayWebhook } from '../../../services/payments/receiveGatewayWebhook';
import { readBodyTextLimited } from '../../../utils/bodyLimit';
import { ProblemError, problemOf } from '../../../utils/problem';
import { useRequestId } from '../../../utils/requestId';

/**
 * POST /api/v1/webhooks/:gateway: a gateway's signed event. Public (the
 * signature is the credential), no CSRF. 2xx for accepted and duplicate
 * deliveries, 400 for a bad or stale signature, 404 for an unknown gateway.
 */
export default defineEventHandler(async (event) => {
  const gateway = getRouterParam(event, 'gateway') ?? '';
  // The signature covers the exact bytes: read the raw body, never re-serialized JSON.
  // Counted while read: an anonymous chunked body is refused at the limit, not buffered.
  const rawBody = await readBodyTextLimited(event, MAX_JSON_BODY_BYTES);
  const signature = getRequestHeader(event, SIGNATURE_HEADER);
  const result = await receiveGatewayWebhook(gateway, signature, rawBody, useRequestId(event));
  if (result.status === 'unknown_gateway')
    throw new ProblemError(
      problemOf(404, `There is no gateway ${gateway}`, {
        errors: [{ name: 'params.gateway', reason: 'no such gateway' }],
      }),
    );
  if (result.status === 'rejected') {
    throw new ProblemError(
      problemOf(400, 'The webhook signature is not valid', {
        errors: [{ name: `header.${SIGNATURE_HEADER}`, reason: result.reason }],
      }),
    );
  }
  setResponseStatus(event, result.status === 'accepted' ? 202 : 200);
  return { received: true, duplicate: result.status === 'duplicate' };
});
