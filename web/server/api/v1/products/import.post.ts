import type { ImportJob } from '@billstream/contracts';
import { startImport } from '../../../services/masterData/importJobs';
import { PRODUCT_IMPORT } from '../../../services/products/importProducts';
import { readImportUpload } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';

/** POST /api/v1/products/import (text/csv or application/json): 202 with the job; poll its link for progress and the report. */
export default defineEventHandler(async (event): Promise<ImportJob & { links: { self: string } }> => {
  const { organizationId } = requirePrincipal(event);
  const { format, text } = await readImportUpload(event);
  const job = await startImport(organizationId, PRODUCT_IMPORT, format, text);
  setResponseStatus(event, 202);
  const self = `/api/v1/products/imports/${job.id}`;
  setResponseHeader(event, 'Location', self);
  return { ...job, links: { self } };
});
