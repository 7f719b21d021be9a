import type { ImportJob } from '@billstream/contracts';
import { CONFIGURATION_IMPORT } from '../../../services/configurations/importConfigurations';
import { startImport } from '../../../services/masterData/importJobs';
import { readImportUpload } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';

/** POST /api/v1/configurations/import (text/csv or application/json): 202 with the job; poll its link for progress and the report. */
export default defineEventHandler(async (event): Promise<ImportJob & { links: { self: string } }> => {
  const { organizationId } = requirePrincipal(event);
  const { format, text } = await readImportUpload(event);
  const job = await startImport(organizationId, CONFIGURATION_IMPORT, format, text);
  setResponseStatus(event, 202);
  const self = `/api/v1/configurations/imports/${job.id}`;
  setResponseHeader(event, 'Location', self);
  return { ...job, links: { self } };
});
