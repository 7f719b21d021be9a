import type { ProcessorStatus } from '#shared/types/monitoring';
import { processorEndpoints } from '../../../services/monitoring/processorEndpoints';
import { processorStatuses } from '../../../services/monitoring/processorStatus';
import { supervisedRestarts } from '../../../services/monitoring/supervisedRestarts';

/**
 * GET /api/v1/monitoring/processors: throughput, consumer lag per partition,
 * DLQ count, last commit, restore state and instances of every processor app,
 * read from the apps' own /metrics and /readyz, and the supervisor's restarts
 * of each app (Redis). Not organization data: the processors serve every
 * organization.
 */
export default defineEventHandler(async (): Promise<{ data: ProcessorStatus[] }> => {
  const restarts = await supervisedRestarts();
  return { data: await processorStatuses(processorEndpoints(process.env), restarts) };
});
