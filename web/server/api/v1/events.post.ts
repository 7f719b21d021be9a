import { ingestUsageEvent } from '../../services/usage/ingestUsageEvents';
import { requirePrincipal } from '../../utils/principal';
import { readJsonBody } from '../../utils/request';

/**
 * POST /api/v1/events: one usage event (docs/usage.md), validated, produced to
 * usage-events and answered 202. A repeated transactionId is accepted and counted once.
 * (GET /api/v1/events is the live-updates stream, a different thing.)
 */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const accepted = await ingestUsageEvent(organizationId, await readJsonBody(event));
  setResponseStatus(event, 202);
  return { transactionId: accepted.transactionId, status: 'accepted' };
});
