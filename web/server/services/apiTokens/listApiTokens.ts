import type { ApiTokenListQuery, ApiTokenResource } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, orderByOf, skipOf } from '../../utils/listQuery';
import { toApiTokenResource } from './toApiTokenResource';

/** Token columns a token may lack (never used): such tokens sort last. Every token expires, so expiresAt is never empty. */
const NULLABLE_COLUMNS: ReadonlySet<string> = new Set(['lastUsedAt']);

/** One page of the caller's own tokens, newest first unless sorted (revoked ones too, marked). */
export async function listApiTokens(query: ApiTokenListQuery, userId: string): Promise<ListPage<ApiTokenResource>> {
  const where: Prisma.ApiTokenWhereInput = query.q
    ? { userId, name: { contains: query.q, mode: 'insensitive' } }
    : { userId };
  const [rows, total] = await Promise.all([
    useDb().apiToken.findMany({
      where,
      orderBy: orderByOf(query.sort, '-createdAt', NULLABLE_COLUMNS),
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().apiToken.count({ where }),
  ]);
  return offsetPage('/api/v1/api-tokens', query, rows.map(toApiTokenResource), total, { sort: query.sort, q: query.q });
}
