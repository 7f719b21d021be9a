import type { ReportListQuery, ReportResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { offsetPage } from '../../utils/listQuery';
import { listReportJobs, toReportResource } from './reportJobs';
import { pageOfReports } from './reportsPage';

/** One page of the organization's recent reports, newest first unless sorted. */
export async function listReports(query: ReportListQuery, organizationId: string): Promise<ListPage<ReportResource>> {
  const { data, total } = pageOfReports(await listReportJobs(organizationId), query);
  return offsetPage('/api/v1/reports', query, data.map(toReportResource), total, { sort: query.sort, q: query.q });
}
