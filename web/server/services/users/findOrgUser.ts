import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { USER_INCLUDE, type UserRow } from './userRecords';

/** A user of the caller's organization; another organization's user is 404, as if it did not exist. */
export async function findOrgUser(organizationId: string, userId: string): Promise<UserRow> {
  const user = await useDb().user.findFirst({ where: { id: userId, organizationId }, include: USER_INCLUDE });
  if (!user) throw problems.notFound(`There is no user ${userId}`, { name: 'params.id', reason: 'no such user' });
  return user;
}
