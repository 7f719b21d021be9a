import type { ApiTokenResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { toApiTokenResource } from './toApiTokenResource';

/** The caller's own tokens, newest first (revoked ones too, marked). */
export async function listApiTokens(userId: string): Promise<ApiTokenResource[]> {
  const rows = await useDb().apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: 200 });
  return rows.map(toApiTokenResource);
}
