import { PERMISSIONS } from '@billstream/contracts';
import { withEtag } from '../../utils/etag';

/** GET /api/v1/permissions: the permission table (keys, descriptions, built-in roles holding them). */
export default defineEventHandler((event) =>
  withEtag(event, {
    data: PERMISSIONS.map(({ key, description, roles }) => ({ key, description, builtinRoles: [...roles] })),
  }),
);
