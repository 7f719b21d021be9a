import { z } from 'zod';
import { PermissionKeyText } from './apiTokens.ts';
import { listQuery } from './lists.ts';

/** Most roles one page of GET /api/v1/roles returns; the role pickers ask for this many. */
export const ROLES_PAGE_MAX = 100;
/** Sort keys of GET /api/v1/roles (without one: built-in roles first, then by name). */
export const ROLE_SORT_FIELDS = ['name', 'createdAt'] as const;
/** Query of GET /api/v1/roles: offset pages, a sort, and `q` (part of the name or description). */
export const RoleListQuery = listQuery(ROLE_SORT_FIELDS, { max: ROLES_PAGE_MAX });
export type RoleListQuery = z.infer<typeof RoleListQuery>;

/** Body of POST /api/v1/roles and PUT /api/v1/roles/:id (custom roles of the caller's organization). */
export const RoleBody = z.strictObject({
  name: z
    .string({ error: 'is required' })
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(50, 'must be at most 50 characters')
    .regex(/^[\w .-]+$/, 'may hold letters, digits, spaces, dots, dashes and underscores'),
  description: z.string().trim().max(255, 'must be at most 255 characters').optional(),
  permissions: z.array(PermissionKeyText, { error: 'must be a list of permission keys' }),
});
export type RoleBody = z.infer<typeof RoleBody>;

export const RoleResource = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
  userCount: z.number(),
});
export type RoleResource = z.infer<typeof RoleResource>;

/** Body of PUT /api/v1/users/:id/roles: the user's complete set of roles. */
export const UserRolesBody = z.strictObject({
  roleIds: z.array(z.uuid({ error: 'must be a UUID' }), { error: 'must be a list of role ids' }).max(20),
});
export type UserRolesBody = z.infer<typeof UserRolesBody>;

export const UserResource = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  status: z.string(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type UserResource = z.infer<typeof UserResource>;

export const OutboxMessageResource = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type OutboxMessageResource = z.infer<typeof OutboxMessageResource>;
