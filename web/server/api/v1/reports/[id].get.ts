import { IdParams, type ReportResource } from '@billstream/contracts';
import { getReportJob, toReportResource } from '../../../services/reports/reportJobs';
import { requirePrincipal } from '../../../utils/principal';
import { problems } from '../../../utils/problem';
import { getValidatedParams } from '../../../utils/request';

/** GET /api/v1/reports/:id: status and progress (rows written of totalRows). */
export default defineEventHandler(async (event): Promise<ReportResource> => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const job = await getReportJob(organizationId, id);
  if (!job) throw problems.notFound('No such report');
  return toReportResource(job);
});
