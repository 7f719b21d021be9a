import {
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  type ConfigurationResource,
  configurationKey,
} from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { type ProblemError, problems } from '../../utils/problem';
import { commitChange, lockOrganization, refuse } from '../masterData/commitChange';
import { enqueueRecords } from '../masterData/outbox';
import { checkPrecondition, type Precondition } from '../masterData/precondition';
import { configurationRecord, tombstone } from '../masterData/records';
import { toConfigurationResource } from '../masterData/resources';

export interface ConfigurationChange {
  readonly key: ConfigurationKey;
  /** Already checked against CONFIGURATION_KEYS[key].schema. */
  readonly value: unknown;
  readonly description: string | null;
}

/** Writes one key inside a transaction (the import shares it). */
export async function writeConfiguration(
  tx: Prisma.TransactionClient,
  organizationId: string,
  change: ConfigurationChange,
) {
  const value = CONFIGURATION_KEYS[change.key].schema.parse(change.value) as Prisma.InputJsonValue;
  const valueType = CONFIGURATION_KEYS[change.key].valueType;
  const row = await tx.configuration.upsert({
    where: { organizationId_key: { organizationId, key: change.key } },
    create: { organizationId, key: change.key, value, valueType, description: change.description },
    update: { value, valueType, description: change.description },
  });
  await enqueueRecords(tx, [configurationRecord(row)]);
  return row;
}

/**
 * Sets a key. `mode: 'create'` refuses a key that is already set (409);
 * `mode: 'update'` of a set key needs If-Match or updatedAt. Keys of one
 * organization are serialized by a lock, so the check holds until commit.
 */
export async function saveConfiguration(
  organizationId: string,
  change: ConfigurationChange,
  mode: 'create' | 'update',
  precondition: Precondition = {},
): Promise<{ resource: ConfigurationResource; created: boolean } | ProblemError> {
  return commitChange(organizationId, ['configurations'], async (tx) => {
    await lockOrganization(tx, 'configurations', organizationId);
    const current = await tx.configuration.findFirst({ where: { organizationId, key: change.key } });
    if (current && mode === 'create') {
      refuse(
        problems.conflict(`${change.key} is already set; update it instead`, 'configuration-exists', {
          name: 'body.key',
          reason: 'is already set',
        }),
      );
    }
    if (current) {
      const stale = checkPrecondition(
        { updatedAt: current.updatedAt.toISOString() },
        toConfigurationResource(current),
        precondition,
        true,
      );
      if (stale) refuse(stale);
    }
    const row = await writeConfiguration(tx, organizationId, change);
    return { resource: toConfigurationResource(row), created: !current };
  });
}

/** Unsets a key (it falls back to its default) and publishes the tombstone; 404 when it was not set. */
export async function deleteConfiguration(
  organizationId: string,
  key: ConfigurationKey,
  precondition: Precondition,
): Promise<{ deleted: true } | ProblemError> {
  return commitChange(organizationId, ['configurations'], async (tx) => {
    await lockOrganization(tx, 'configurations', organizationId);
    const current = await tx.configuration.findFirst({ where: { organizationId, key } });
    if (!current) refuse(problems.notFound(`${key} is not set; it already has its default`));
    const stale = checkPrecondition(
      { updatedAt: current.updatedAt.toISOString() },
      toConfigurationResource(current),
      precondition,
      false,
    );
    if (stale) refuse(stale);
    await tx.configuration.delete({ where: { id: current.id } });
    await enqueueRecords(tx, [tombstone(organizationId, configurationKey(organizationId, key))]);
    return { deleted: true as const };
  });
}
