import { IdParams, ProductBody, type ProductResource } from '@billstream/contracts';
import { saveProduct } from '../../../services/products/saveProduct';
import { etagOf } from '../../../utils/etag';
import { preconditionOf, unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams, readJsonBody } from '../../../utils/request';
import { parseOrProblem, validateTogether } from '../../../utils/validation';

/** PUT /api/v1/products/:id: replaces a product; needs If-Match (412 when stale) or body.updatedAt (409). */
export default defineEventHandler(async (event): Promise<ProductResource> => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ id }, body] = validateTogether(
    () => getValidatedParams(event, IdParams),
    () => parseOrProblem(ProductBody, rawBody, 'body'),
  );
  const { resource } = unwrap(await saveProduct(organizationId, body, id, preconditionOf(event, body.updatedAt)));
  setResponseHeader(event, 'ETag', etagOf(resource));
  return resource;
});
