import type { ReportResource } from '@billstream/contracts';
import { listReportJobs, toReportResource } from '../../../services/reports/reportJobs';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/reports: the organisation's recent reports, newest first. */
export default defineEventHandler(async (event): Promise<{ data: ReportResource[] }> => {
  const { organizationId } = requirePrincipal(event);
  return { data: (await listReportJobs(organizationId)).map(toReportResource) };
});
