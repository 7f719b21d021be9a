import type { ProcessorStatus } from '#shared/types/monitoring';
import { processorEndpoints } from '../../../services/monitoring/processorEndpoints';
import { processorStatuses } from '../../../services/monitoring/processorStatus';

/**
 * GET /api/v1/monitoring/processors: throughput, consumer lag per partition,
 * DLQ count, last commit, restore state and instances of every processor app,
 * read from the apps' own /metrics and /readyz. Not organisation data: the
 * processors serve every organisation.
 */
export default defineEventHandler(async (): Promise<{ data: ProcessorStatus[] }> => {
  return { data: await processorStatuses(processorEndpoints(process.env)) };
});
