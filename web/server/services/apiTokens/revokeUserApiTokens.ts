import { useDb } from '../../utils/db';

/** Revokes every live API token of a user (after a password reset: whoever held the account may have made some). Returns how many. */
export async function revokeUserApiTokens(userId: string): Promise<number> {
  const { count } = await useDb().apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}
