import { ReportListQuery, type ReportResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { listReports } from '../../../services/reports/listReports';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

/** GET /api/v1/reports?page=&limit=&sort=&q=: the organization's recent reports, newest first, with the total. */
export default defineEventHandler(async (event): Promise<ListPage<ReportResource>> => {
  const { organizationId } = requirePrincipal(event);
  const query = getValidatedQueryParams(event, ReportListQuery);
  return listReports(query, organizationId);
});
