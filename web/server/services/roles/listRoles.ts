import type { RoleListQuery, RoleResource } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { offsetPage, orderByOf, skipOf } from '../../utils/listQuery';
import { ROLE_INCLUDE, toRoleResource } from './roleRecords';

/** The built-in roles and the organization's own, narrowed by `q` (name or description). */
function roleWhere(organizationId: string, q: string | undefined): Prisma.RoleWhereInput {
  const visible: Prisma.RoleWhereInput = { OR: [{ organizationId: null, isBuiltin: true }, { organizationId }] };
  if (!q) return visible;
  return {
    AND: [
      visible,
      { OR: [{ name: { contains: q, mode: 'insensitive' } }, { description: { contains: q, mode: 'insensitive' } }] },
    ],
  };
}

/** Without a sort the built-in roles come first, then the organization's own, each by name. */
function roleOrder(sort: string | undefined): Prisma.RoleOrderByWithRelationInput[] {
  if (!sort) return [{ isBuiltin: 'desc' }, { name: 'asc' }, { id: 'asc' }];
  return orderByOf(sort, 'name');
}

/** One page of the roles the organization sees, with the total for page numbers. */
export async function listRoles(query: RoleListQuery, organizationId: string): Promise<ListPage<RoleResource>> {
  const where = roleWhere(organizationId, query.q);
  const [rows, total] = await Promise.all([
    useDb().role.findMany({
      where,
      include: ROLE_INCLUDE,
      orderBy: roleOrder(query.sort),
      skip: skipOf(query),
      take: query.limit,
    }),
    useDb().role.count({ where }),
  ]);
  const data = rows.map((row) => toRoleResource(row, organizationId));
  return offsetPage('/api/v1/roles', query, data, total, { sort: query.sort, q: query.q });
}
