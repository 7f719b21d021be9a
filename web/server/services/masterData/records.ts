import { randomUUID } from 'node:crypto';
import {
  CategoryUpserted,
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  ConfigurationUpserted,
  configurationKey,
  masterDataKey,
  ProductUpserted,
} from '@billstream/contracts';
import type { Category, Configuration, Product } from '@billstream/db';
import type { MasterDataRecord } from './outbox';
import { decimalString } from './resources';

/** Who emits master-data records from the web app (envelope `source`). */
const SOURCE = 'web';

function meta() {
  return { eventId: randomUUID(), occurredAt: new Date().toISOString(), source: SOURCE, version: 1 as const };
}

export function categoryRecord(row: Category): MasterDataRecord {
  const value = CategoryUpserted.parse({
    ...meta(),
    type: 'CategoryUpserted',
    data: {
      id: row.id,
      organizationId: row.organizationId,
      name: row.name,
      parentId: row.parentId,
      isActive: row.isActive,
      updatedAt: row.updatedAt.toISOString(),
    },
  });
  return { organizationId: row.organizationId, key: masterDataKey('category', row.id), value };
}

export function productRecord(row: Product): MasterDataRecord {
  const value = ProductUpserted.parse({
    ...meta(),
    type: 'ProductUpserted',
    data: {
      id: row.id,
      organizationId: row.organizationId,
      sku: row.sku,
      name: row.name,
      categoryId: row.categoryId,
      unitPrice: decimalString(row.unitPrice),
      currency: row.currency,
      taxCategory: row.taxCategory,
      isActive: row.isActive,
      updatedAt: row.updatedAt.toISOString(),
    },
  });
  return { organizationId: row.organizationId, key: masterDataKey('product', row.id), value };
}

export function configurationRecord(row: Configuration): MasterDataRecord {
  const valueType = CONFIGURATION_KEYS[row.key as ConfigurationKey]?.valueType ?? row.valueType;
  const value = ConfigurationUpserted.parse({
    ...meta(),
    type: 'ConfigurationUpserted',
    data: {
      id: row.id,
      organizationId: row.organizationId,
      key: row.key,
      valueType,
      // Older rows may hold "0.200000"; the wire carries canonical decimals.
      value: valueType === 'decimal' && typeof row.value === 'string' ? decimalString(row.value) : row.value,
      updatedAt: row.updatedAt.toISOString(),
    },
  });
  return { organizationId: row.organizationId, key: configurationKey(row.organizationId, row.key), value };
}

/** A delete: null under the same key, so compaction forgets the object. */
export function tombstone(organizationId: string, key: string): MasterDataRecord {
  return { organizationId, key, value: null };
}
