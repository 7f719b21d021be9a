import type { UserResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { toUserResource, USER_INCLUDE } from './userRecords';

/** MAX_LISTED_USERS bounds the answer; organizations are small so far, paging can come later. */
export const MAX_LISTED_USERS = 500;

export async function listUsers(organizationId: string): Promise<UserResource[]> {
  const rows = await useDb().user.findMany({
    where: { organizationId },
    include: USER_INCLUDE,
    orderBy: { email: 'asc' },
    take: MAX_LISTED_USERS,
  });
  return rows.map(toUserResource);
}
