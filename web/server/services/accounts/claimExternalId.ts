import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { redisKey, useRedis } from '../../utils/redis';

/**
 * How long a claim outlives its command. The ledger writes the account row
 * within seconds; after that the row (and its unique index) is the guard.
 */
export const EXTERNAL_ID_CLAIM_TTL_SECONDS = 60 * 60;

function taken(externalId: string) {
  return problems.conflict(
    `Another account of the organization has the external id ${externalId}`,
    'external-id-taken',
    {
      name: 'body.externalId',
      reason: 'is already used by another account',
    },
  );
}

/**
 * Makes sure no other account of the organization has, or is about to get,
 * this external id. The view answers for applied changes; a Redis claim
 * (SET NX) answers for commands accepted but not applied yet, so two requests
 * racing for one id cannot both be accepted. A claim whose holder has since
 * been given another external id is stale and is taken over.
 */
export async function claimExternalId(organizationId: string, externalId: string, accountId: string): Promise<void> {
  const db = useDb();
  const holder = await db.billingAccount.findFirst({ where: { organizationId, externalId }, select: { id: true } });
  if (holder && holder.id !== accountId) throw taken(externalId);
  const key = redisKey('account', 'external-id', organizationId, externalId);
  const redis = useRedis();
  if (await redis.set(key, accountId, 'EX', EXTERNAL_ID_CLAIM_TTL_SECONDS, 'NX')) return;
  const claimant = await redis.get(key);
  if (claimant === null || claimant === accountId) {
    await redis.set(key, accountId, 'EX', EXTERNAL_ID_CLAIM_TTL_SECONDS);
    return;
  }
  const claimantRow = await db.billingAccount.findFirst({
    where: { id: claimant, organizationId },
    select: { externalId: true },
  });
  // No row yet: the claimant's opening is still on its way to the ledger.
  if (!claimantRow || claimantRow.externalId === externalId) throw taken(externalId);
  await redis.set(key, accountId, 'EX', EXTERNAL_ID_CLAIM_TTL_SECONDS);
}
