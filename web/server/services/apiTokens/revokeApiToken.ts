import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';

/** Revokes one of the caller's tokens; anyone else's is 404. Revoking twice is harmless. */
export async function revokeApiToken(caller: Principal, id: string, ip: string): Promise<void> {
  const row = await useDb().apiToken.findFirst({ where: { id, userId: caller.userId } });
  if (!row) throw problems.notFound(`There is no API token ${id}`, { name: 'params.id', reason: 'no such API token' });
  if (!row.revokedAt) await useDb().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'api_token.revoked',
    resource: 'api_token',
    resourceId: id,
    ip,
  });
}
