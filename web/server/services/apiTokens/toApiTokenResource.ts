import type { ApiTokenResource } from '@billstream/contracts';
import type { ApiToken } from '@billstream/db';

export function toApiTokenResource(row: ApiToken): ApiTokenResource {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
