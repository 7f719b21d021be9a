import { PERMISSIONS } from '@billstream/db/permissions';

/** GET /api/v1/permissions: the permission table (keys, descriptions, built-in roles holding them). */
export default defineEventHandler(() => ({
  data: PERMISSIONS.map(({ key, description, roles }) => ({ key, description, builtinRoles: [...roles] })),
}));
