import { IdParams, type ImportJob } from '@billstream/contracts';
import { findImportJob } from '../../../../services/masterData/importJobs';
import { requirePrincipal } from '../../../../utils/principal';
import { problems } from '../../../../utils/problem';
import { getValidatedParams } from '../../../../utils/request';

/** GET /api/v1/categories/imports/:id: progress, then the result or the per-row report. */
export default defineEventHandler(async (event): Promise<ImportJob> => {
  const { organizationId } = requirePrincipal(event);
  const { id } = getValidatedParams(event, IdParams);
  const job = await findImportJob(organizationId, 'categories', id);
  if (!job) throw problems.notFound(`There is no category import ${id}`);
  setResponseHeader(event, 'Cache-Control', 'no-store');
  return job;
});
