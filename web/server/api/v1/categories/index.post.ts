import { CategoryBody, type CategoryResource } from '@billstream/contracts';
import { saveCategory } from '../../../services/categories/saveCategory';
import { etagOf } from '../../../utils/etag';
import { unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';

/** POST /api/v1/categories: creates a category (201) once its record is on the master-data topic. */
export default defineEventHandler(async (event): Promise<CategoryResource> => {
  const { organizationId } = requirePrincipal(event);
  const body = await readValidatedJson(event, CategoryBody);
  const { resource } = unwrap(await saveCategory(organizationId, body, undefined));
  setResponseStatus(event, 201);
  setResponseHeader(event, 'Location', `/api/v1/categories/${resource.id}`);
  setResponseHeader(event, 'ETag', etagOf(resource));
  return resource;
});
