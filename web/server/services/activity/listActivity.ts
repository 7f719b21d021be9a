import type { PageQuery } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { afterId, sliceWithCursor } from '../../utils/pagination';

export interface ActivityResource {
  readonly id: string;
  readonly userId: string | null;
  readonly userEmail: string | null;
  readonly action: string;
  readonly resource: string;
  readonly resourceId: string | null;
  readonly metadata: unknown;
  readonly ip: string | null;
  readonly occurredAt: string;
}

/**
 * The organization's activity log (the view the activity processor fills from
 * user-events), newest first, keyset-paginated; `action` filters by exact
 * action, `q` searches action, resource and the user's e-mail, `userId`
 * narrows to what one user did.
 */
export async function listActivity(
  organizationId: string,
  query: PageQuery & { action?: string; q?: string; userId?: string },
): Promise<{ data: ActivityResource[]; nextCursor: string | null }> {
  const after = afterId(query);
  const rows = await useDb().userActivity.findMany({
    where: {
      organizationId,
      ...(query.action ? { action: query.action } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.q
        ? {
            OR: [
              { action: { contains: query.q, mode: 'insensitive' as const } },
              { resource: { contains: query.q, mode: 'insensitive' as const } },
              { user: { email: { contains: query.q, mode: 'insensitive' as const } } },
            ],
          }
        : {}),
    },
    include: { user: { select: { email: true } } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
  const page = sliceWithCursor(rows, query.limit, (row) => row.id);
  const data = page.data.map((row) => ({
    id: row.id,
    userId: row.userId,
    userEmail: row.user?.email ?? null,
    action: row.action,
    resource: row.resource,
    resourceId: row.resourceId,
    metadata: row.metadata,
    ip: row.ip,
    occurredAt: row.occurredAt.toISOString(),
  }));
  return { data, nextCursor: page.nextCursor };
}
