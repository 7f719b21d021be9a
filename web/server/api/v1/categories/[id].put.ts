import { CategoryBody, type CategoryResource, IdParams } from '@billstream/contracts';
import { saveCategory } from '../../../services/categories/saveCategory';
import { etagOf } from '../../../utils/etag';
import { preconditionOf, unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams, readJsonBody } from '../../../utils/request';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** PUT /api/v1/categories/:id: replaces a category; needs If-Match (412 when stale) or body.updatedAt (409). */
export default defineEventHandler(async (event): Promise<CategoryResource> => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ id }, body] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => parseOrProblem(CategoryBody, rawBody, 'body'),
  );
  const { resource } = unwrap(await saveCategory(organizationId, body, id, preconditionOf(event, body.updatedAt)));
  setResponseHeader(event, 'ETag', etagOf(resource));
  return resource;
});
