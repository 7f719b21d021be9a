import { CategoryListQuery, ExportQuery } from '@billstream/contracts';
import { CATEGORY_IMPORT } from '../../../services/categories/importCategories';
import { exportCategories, renderExport } from '../../../services/masterData/exportRows';
import { sendDownload } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

const Query = CategoryListQuery.omit({ page: true, limit: true }).extend(ExportQuery.shape);

/** GET /api/v1/categories/export?format=csv|json&<list filter>: every matching category, in the import's format. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { format, ...filter } = getValidatedQueryParams(event, Query);
  const rows = await exportCategories(organizationId, filter);
  return sendDownload(event, 'categories', format, renderExport(format, Object.keys(CATEGORY_IMPORT.columns), rows));
});
