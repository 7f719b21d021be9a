import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { sha256Hex } from '../../utils/secrets';
import { ACCESS_COLUMNS, ACCESS_JOINS, type AccessRow, toUserAccess } from '../access/loadUserAccess';
import { principalOf } from '../access/principalFor';

/** last_used_at is informative; writing it at most this often spares a write per request. */
export const API_TOKEN_LAST_USED_RESOLUTION_MS = 60_000;

interface TokenAccessRow extends AccessRow {
  tokenId: string;
  scopes: string[];
  revokedAt: Date | null;
  expiresAt: Date;
  lastUsedAt: Date | null;
}

/**
 * The principal of a live (not revoked, not expired) token of an active user;
 * undefined otherwise. Every machine client's request asks this, so the token
 * and its user's access come in one SQL statement.
 */
export async function authenticateApiToken(token: string, now = new Date()): Promise<Principal | undefined> {
  const db = useDb();
  const rows = await db.$queryRaw<TokenAccessRow[]>`
    SELECT t.id::text AS "tokenId", t.scopes, t.revoked_at AS "revokedAt", t.expires_at AS "expiresAt",
           t.last_used_at AS "lastUsedAt", ${ACCESS_COLUMNS}
      FROM api_tokens t JOIN users u ON u.id = t.user_id ${ACCESS_JOINS}
     WHERE t.token_hash = ${sha256Hex(token)}
     GROUP BY t.id, u.id, o.name`;
  const row = rows[0];
  if (!row || row.revokedAt || !(row.expiresAt > now)) return undefined;
  const principal = principalOf(toUserAccess(row), { via: 'api-token', apiTokenId: row.tokenId, scopes: row.scopes });
  if (!principal) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > API_TOKEN_LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return principal;
}
