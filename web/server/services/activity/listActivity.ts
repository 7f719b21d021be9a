import { useDb } from '../../utils/db';
import { afterId, type PageQuery, sliceWithCursor } from '../../utils/pagination';

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

/** The organization's audit trail, newest first, keyset-paginated; `action` filters by exact action. */
export async function listActivity(
  organizationId: string,
  query: PageQuery & { action?: string },
): Promise<{ data: ActivityResource[]; nextCursor: string | null }> {
  const after = afterId(query);
  const rows = await useDb().userActivity.findMany({
    where: { organizationId, ...(query.action ? { action: query.action } : {}) },
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
