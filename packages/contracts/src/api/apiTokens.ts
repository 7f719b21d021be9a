import { z } from 'zod';
import { listQuery } from './lists.ts';

/** Personal API tokens: `bst_` + 43 base64url characters (32 random bytes). */
export const API_TOKEN_PREFIX = 'bst_';
/** Every token expires: after API_TOKEN_DEFAULT_DAYS unless the request asks for fewer or more, at most API_TOKEN_MAX_DAYS. */
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 366;
/** Most tokens one page of GET /api/v1/api-tokens returns. */
export const API_TOKENS_PAGE_MAX = 100;

/** resource:action, as in the permission table; the server checks the key exists. */
export const PermissionKeyText = z.string().regex(/^[a-z-]+:[a-z-]+$/, 'must be a permission key (resource:action)');

export const CreateApiTokenBody = z.strictObject({
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  scopes: z.array(PermissionKeyText, { error: 'must be a list of permission keys' }).min(1, 'must name a permission'),
  expiresInDays: z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(API_TOKEN_MAX_DAYS, `must be at most ${API_TOKEN_MAX_DAYS}`)
    .default(API_TOKEN_DEFAULT_DAYS),
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const ApiTokenResource = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenResource = z.infer<typeof ApiTokenResource>;

/** Sort keys of GET /api/v1/api-tokens (default: newest first). */
export const API_TOKEN_SORT_FIELDS = ['name', 'createdAt', 'lastUsedAt', 'expiresAt'] as const;
/** Query of GET /api/v1/api-tokens: offset pages, a sort, and `q` (part of the name). */
export const ApiTokenListQuery = listQuery(API_TOKEN_SORT_FIELDS, { max: API_TOKENS_PAGE_MAX });
export type ApiTokenListQuery = z.infer<typeof ApiTokenListQuery>;

/** Answer of POST /api/v1/api-tokens: the only time the secret is shown. */
export const CreatedApiToken = ApiTokenResource.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
