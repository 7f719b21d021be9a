import { buildOpenApiDocument } from '../../utils/openapi';

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document generated from the route map and zod schemas. */
export default defineEventHandler(() => {
  cached ??= buildOpenApiDocument();
  return cached;
});
