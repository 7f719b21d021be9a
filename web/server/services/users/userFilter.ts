import { UserStatus } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import type { z } from 'zod';
import { listQuery } from '../../utils/listQuery';

/** GET /api/v1/users: page, limit, sort, `q` (substring of e-mail, first or last name) and status. */
export const UserListQuery = listQuery(['email', 'lastName', 'lastLoginAt', 'createdAt']).extend({
  status: UserStatus.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export function userWhere(organizationId: string, query: Pick<UserListQuery, 'q' | 'status'>): Prisma.UserWhereInput {
  const where: Prisma.UserWhereInput = { organizationId };
  if (query.q) {
    where.OR = [
      { email: { contains: query.q, mode: 'insensitive' } },
      { firstName: { contains: query.q, mode: 'insensitive' } },
      { lastName: { contains: query.q, mode: 'insensitive' } },
    ];
  }
  if (query.status) where.status = query.status;
  return where;
}
