import { ExportQuery, ProductListQuery } from '@billstream/contracts';
import { exportProducts, renderExport } from '../../../services/masterData/exportRows';
import { PRODUCT_IMPORT } from '../../../services/products/importProducts';
import { sendDownload } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

const Query = ProductListQuery.omit({ page: true, limit: true }).extend(ExportQuery.shape);

/** GET /api/v1/products/export?format=csv|json&<list filter>: every matching product, in the import's format. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { format, ...filter } = getValidatedQueryParams(event, Query);
  const rows = await exportProducts(organizationId, filter);
  return sendDownload(event, 'products', format, renderExport(format, Object.keys(PRODUCT_IMPORT.columns), rows));
});
