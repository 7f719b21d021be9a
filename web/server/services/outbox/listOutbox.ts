import type { OutboxMessageResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { afterId, type PageQuery, sliceWithCursor } from '../../utils/pagination';

/**
 * The development outbox as one organization's admins see it: its own mail
 * and the system mail of the account flows (verification, password reset),
 * which belongs to no organization. It only fills while SMTP_URL is unset.
 */
export async function listOutbox(
  organizationId: string,
  query: PageQuery & { to?: string; q?: string },
): Promise<{ data: OutboxMessageResource[]; nextCursor: string | null }> {
  const after = afterId(query);
  const rows = await useDb().outboxMessage.findMany({
    where: {
      OR: [{ organizationId }, { organizationId: null }],
      ...(query.to ? { toAddress: query.to.toLowerCase() } : {}),
      ...(query.q
        ? {
            AND: [
              {
                OR: [
                  { subject: { contains: query.q, mode: 'insensitive' as const } },
                  { toAddress: { contains: query.q, mode: 'insensitive' as const } },
                ],
              },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
  const page = sliceWithCursor(rows, query.limit, (row) => row.id);
  const data = page.data.map((row) => ({
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    kind: row.kind,
    text: row.textBody,
    createdAt: row.createdAt.toISOString(),
  }));
  return { data, nextCursor: page.nextCursor };
}
