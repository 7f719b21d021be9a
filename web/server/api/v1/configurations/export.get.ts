import { ConfigurationListQuery, ExportQuery } from '@billstream/contracts';
import { CONFIGURATION_IMPORT } from '../../../services/configurations/importConfigurations';
import { exportConfigurations, renderExport } from '../../../services/masterData/exportRows';
import { sendDownload } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedQueryParams } from '../../../utils/request';

const Query = ConfigurationListQuery.extend(ExportQuery.shape);

/** GET /api/v1/configurations/export?format=csv|json&<list filter>: every matching key, in the import's format. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { format, ...filter } = getValidatedQueryParams(event, Query);
  const rows = await exportConfigurations(organizationId, filter);
  return sendDownload(
    event,
    'configurations',
    format,
    renderExport(format, Object.keys(CONFIGURATION_IMPORT.columns), rows),
  );
});
