import type { UserListQuery } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';

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
