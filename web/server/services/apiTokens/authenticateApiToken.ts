import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { sha256Hex } from '../../utils/secrets';
import { principalFor } from '../access/principalFor';

/** last_used_at is informative; writing it at most this often spares a write per request. */
export const API_TOKEN_LAST_USED_RESOLUTION_MS = 60_000;

/** The principal of a live (not revoked, not expired) token of an active user; undefined otherwise. */
export async function authenticateApiToken(token: string, now = new Date()): Promise<Principal | undefined> {
  const db = useDb();
  const row = await db.apiToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return undefined;
  const principal = await principalFor(row.userId, { via: 'api-token', apiTokenId: row.id, scopes: row.scopes });
  if (!principal) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > API_TOKEN_LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return principal;
}
