import type { UserListQuery, UserResource } from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, orderByOf, skipOf } from '../../utils/listQuery';
import { userWhere } from './userFilter';
import { toUserResource, USER_INCLUDE } from './userRecords';

/** One page of the organization's users, with the total for page numbers. */
export async function listUsers(organizationId: string, query: UserListQuery): Promise<ListPage<UserResource>> {
  const where = userWhere(organizationId, query);
  const [rows, total] = await Promise.all([
    useDb().user.findMany({
      where,
      include: USER_INCLUDE,
      orderBy: orderByOf(query.sort, 'email'),
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().user.count({ where }),
  ]);
  return offsetPage('/api/v1/users', query, rows.map(toUserResource), total, {
    sort: query.sort,
    q: query.q,
    status: query.status,
  });
}
