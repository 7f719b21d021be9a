import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { sha256Hex } from '../../utils/secrets';
import { principalFor } from '../access/principalFor';

/** last_used_at is informative; writing it at most this often spares a write per request. */
export const API_TOKEN_LAST_USED_RESOLUTION_MS = 60_000;

interface TokenRow {
  id: string;
  userId: string;
  scopes: string[];
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * The principal of a live (not revoked, not expired) token of an active user;
 * undefined otherwise. On every machine client's request, hence raw SQL.
 */
export async function authenticateApiToken(token: string, now = new Date()): Promise<Principal | undefined> {
  const db = useDb();
  const rows = await db.$queryRaw<TokenRow[]>`
    SELECT id::text, user_id::text AS "userId", scopes, revoked_at AS "revokedAt", expires_at AS "expiresAt",
           last_used_at AS "lastUsedAt"
      FROM api_tokens WHERE token_hash = ${sha256Hex(token)}`;
  const row = rows[0];
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return undefined;
  const principal = await principalFor(row.userId, { via: 'api-token', apiTokenId: row.id, scopes: row.scopes });
  if (!principal) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > API_TOKEN_LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return principal;
}
