import { UsageEventBatchBody } from '@billstream/contracts';
import { ingestUsageBatch } from '../../../services/usage/ingestUsageEvents';
import { requirePrincipal } from '../../../utils/principal';
import { readJsonBody } from '../../../utils/request';
import { parseOrProblem } from '../../../utils/validation';

/**
 * POST /api/v1/events/batch: up to USAGE_EVENTS_BATCH_MAX events, each with
 * its own result. The valid ones are produced (acks=all) before the 202; a
 * bad item is reported by index and never blocks the others.
 */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const body = parseOrProblem(UsageEventBatchBody, await readJsonBody(event), 'body');
  const results = await ingestUsageBatch(organizationId, body.events);
  setResponseStatus(event, 202);
  return {
    accepted: results.filter((result) => result.status === 'accepted').length,
    rejected: results.filter((result) => result.status === 'rejected').length,
    results,
  };
});
