import type { OutboxMessageResource, PageQuery } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { afterId, sliceWithCursor } from '../../utils/pagination';

/**
 * The development outbox as one organization's admins see it: its own mail
 * only. Mail of the account flows belongs to the account's organization, and
 * mail that belongs to none (account-exists) is shown to nobody: a reset link
 * read by another tenant's admin would hand them the account. It only fills
 * while SMTP_URL is unset.
 */
export async function listOutbox(
  organizationId: string,
  query: PageQuery & { to?: string; q?: string },
): Promise<{ data: OutboxMessageResource[]; nextCursor: string | null }> {
  const after = afterId(query);
  const rows = await useDb().outboxMessage.findMany({
    where: {
      organizationId,
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
