import type { UserListQuery, UserResource } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { useDb } from '../../utils/db';
import { toUserResource, USER_INCLUDE } from './userRecords';

/** MAX_LISTED_USERS bounds the answer; organizations are small so far, paging can come later. */
export const MAX_LISTED_USERS = 500;

/** Users of the organization by e-mail; `search` matches a substring of e-mail, first or last name. */
export async function listUsers(organizationId: string, query: UserListQuery = {}): Promise<UserResource[]> {
  const contains = (field: 'email' | 'firstName' | 'lastName'): Prisma.UserWhereInput => ({
    [field]: { contains: query.search, mode: 'insensitive' },
  });
  const rows = await useDb().user.findMany({
    where: {
      organizationId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.search ? { OR: [contains('email'), contains('firstName'), contains('lastName')] } : {}),
    },
    include: USER_INCLUDE,
    orderBy: { email: 'asc' },
    take: MAX_LISTED_USERS,
  });
  return rows.map(toUserResource);
}
