import type { CreateApiTokenBody, CreatedApiToken } from '@billstream/contracts';
import { isPermissionKey } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import type { Principal } from '../../utils/principal';
import { problems } from '../../utils/problem';
import { recordActivity } from '../activity/recordActivity';
import { newApiTokenSecret } from './apiTokenSecret';
import { toApiTokenResource } from './toApiTokenResource';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Scopes must be permission keys the caller holds: a token never exceeds its user. */
function checkScopes(caller: Principal, scopes: readonly string[]): void {
  const fields = scopes.flatMap((scope, index) => {
    if (!isPermissionKey(scope)) return [{ name: `body.scopes.${index}`, reason: 'is not a known permission' }];
    if (!caller.permissions.has(scope))
      return [{ name: `body.scopes.${index}`, reason: 'is not a permission you hold' }];
    return [];
  });
  if (fields.length > 0) throw problems.invalid(fields);
}

/** Creates a personal API token, which always expires; the secret is in this answer only, the database keeps its hash. */
export async function createApiToken(
  caller: Principal,
  body: CreateApiTokenBody,
  ip: string,
): Promise<CreatedApiToken> {
  checkScopes(caller, body.scopes);
  const { token, hash } = newApiTokenSecret();
  const row = await useDb().apiToken.create({
    data: {
      userId: caller.userId,
      name: body.name,
      tokenHash: hash,
      scopes: [...new Set(body.scopes)].sort(),
      expiresAt: new Date(Date.now() + body.expiresInDays * DAY_MS),
    },
  });
  await recordActivity({
    organizationId: caller.organizationId,
    userId: caller.userId,
    action: 'api_token.created',
    resource: 'api_token',
    resourceId: row.id,
    metadata: { name: row.name, scopes: row.scopes },
    ip,
  });
  return { ...toApiTokenResource(row), token };
}
