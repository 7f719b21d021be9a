import { ProductBody, type ProductResource } from '@billstream/contracts';
import { saveProduct } from '../../../services/products/saveProduct';
import { etagOf } from '../../../utils/etag';
import { unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';

/** POST /api/v1/products: creates a product (201) once its record is on the master-data topic. */
export default defineEventHandler(async (event): Promise<ProductResource> => {
  const { organizationId } = requirePrincipal(event);
  const body = await readValidatedJson(event, ProductBody);
  const { resource } = unwrap(await saveProduct(organizationId, body, undefined));
  setResponseStatus(event, 201);
  setResponseHeader(event, 'Location', `/api/v1/products/${resource.id}`);
  setResponseHeader(event, 'ETag', etagOf(resource));
  return resource;
});
