// The query strings of the list and export routes whose schemas the web app's
// DataTable sends: one home, next to the other API contracts. The server only
// turns them into Prisma arguments and links.
import { z } from 'zod';
import { TaxCategory } from '../events/masterData.ts';
import { ActivityAction } from '../events/userEvents.ts';
import { Currency } from '../money.ts';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, listQuery, SearchText } from './lists.ts';
import { PaymentListQuery } from './payments.ts';
import { UserStatus } from './users.ts';

/** Keyset pages: `limit` and the opaque `cursor` of the previous page (the same bounds as offset lists). */
export const PageQuery = z.object({
  limit: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(LIST_LIMIT_MAX, `must be at most ${LIST_LIMIT_MAX}`)
    .default(LIST_LIMIT_DEFAULT),
  cursor: z.string().max(512, 'is too long').optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

const Flag = z.enum(['true', 'false'], { error: 'must be true or false' }).optional();

/** Query of GET /api/v1/accounts: keyset pages and `q` (part of the number or the customer's name). */
export const AccountListQuery = PageQuery.extend({ q: SearchText });

/** ?limit=&cursor=&action= of the activity routes. */
export const ActivityQuery = PageQuery.extend({ action: ActivityAction.optional(), q: SearchText });

/** Query of GET /api/v1/outbox: keyset pages, a recipient (`to`) and `q` (subject or recipient). */
export const OutboxQuery = PageQuery.extend({ to: z.string().max(255, 'is too long').optional(), q: SearchText });

/** Query of GET /api/v1/payments: keyset pages (`limit`, `cursor`) and the filters. */
export const PaymentPageQuery = PageQuery.extend(PaymentListQuery.shape);
export type PaymentPageQuery = z.infer<typeof PaymentPageQuery>;

/** GET /api/v1/categories and its export: search, parent and active filters. */
export const CategoryListQuery = listQuery(['name', 'updatedAt', 'createdAt']).extend({
  parentId: z.union([z.uuid({ error: 'must be a UUID or "root"' }), z.literal('root')]).optional(),
  active: Flag,
});
export type CategoryListQuery = z.infer<typeof CategoryListQuery>;

/** GET /api/v1/products and its export: search (SKU, name), category, tax category, currency, active. */
export const ProductListQuery = listQuery(['sku', 'name', 'unitPrice', 'updatedAt', 'createdAt']).extend({
  categoryId: z.uuid({ error: 'must be a UUID' }).optional(),
  taxCategory: TaxCategory.optional(),
  currency: Currency.optional(),
  active: Flag,
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

/** GET /api/v1/configurations: every known key (set or default); `q` searches keys, `set` filters. */
export const ConfigurationListQuery = z.object({
  q: SearchText,
  set: Flag,
  sort: z.enum(['key', '-key'], { error: 'must be key or -key' }).optional(),
});
export type ConfigurationListQuery = z.infer<typeof ConfigurationListQuery>;

/** GET /api/v1/users: page, limit, sort, `q` (substring of e-mail, first or last name) and status. */
export const UserListQuery = listQuery(['email', 'lastName', 'lastLoginAt', 'createdAt']).extend({
  status: UserStatus.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
