import crypto from 'node:crypto';
import {
  CategoryUpserted,
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  ConfigurationUpserted,
  configurationKey,
  type MasterDataEvent,
  masterDataKey,
  ProductUpserted,
  TOPICS,
  topicName,
} from '@billstream/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';

/** Master-data records produced per request. */
const RECORDS_PER_SEND_MAX = 500;

interface Keyed {
  key: string;
  event: MasterDataEvent;
}

const meta = () => ({
  eventId: crypto.randomUUID(),
  occurredAt: new Date().toISOString(),
  source: 'setup',
  version: 1,
});

/** NUMERIC text without trailing zeros: "29.0000" -> "29", "0.200000" -> "0.2". */
function decimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

async function categories(client: pg.Client): Promise<Keyed[]> {
  const { rows } = await client.query(
    'SELECT id, organization_id, name, parent_id, is_active, updated_at FROM categories ORDER BY id',
  );
  return rows.map((row) => ({
    key: masterDataKey('category', row.id),
    event: CategoryUpserted.parse({
      ...meta(),
      type: 'CategoryUpserted',
      data: {
        id: row.id,
        organizationId: row.organization_id,
        name: row.name,
        parentId: row.parent_id,
        isActive: row.is_active,
        updatedAt: row.updated_at.toISOString(),
      },
    }),
  }));
}

async function products(client: pg.Client): Promise<Keyed[]> {
  const { rows } =
    await client.query(`SELECT id, organization_id, sku, name, category_id, unit_price::text AS unit_price,
      currency, tax_category, is_active, updated_at FROM products ORDER BY id`);
  return rows.map((row) => ({
    key: masterDataKey('product', row.id),
    event: ProductUpserted.parse({
      ...meta(),
      type: 'ProductUpserted',
      data: {
        id: row.id,
        organizationId: row.organization_id,
        sku: row.sku,
        name: row.name,
        categoryId: row.category_id,
        unitPrice: decimal(row.unit_price),
        currency: row.currency,
        taxCategory: row.tax_category,
        isActive: row.is_active,
        updatedAt: row.updated_at.toISOString(),
      },
    }),
  }));
}

async function configurations(client: pg.Client): Promise<Keyed[]> {
  const { rows } = await client.query(
    'SELECT id, organization_id, key, value, value_type, updated_at FROM configurations ORDER BY id',
  );
  return rows.map((row) => {
    const known = CONFIGURATION_KEYS[row.key as ConfigurationKey];
    const valueType = known?.valueType ?? row.value_type;
    const value = valueType === 'decimal' && typeof row.value === 'string' ? decimal(row.value) : row.value;
    return {
      key: configurationKey(row.organization_id, row.key),
      event: ConfigurationUpserted.parse({
        ...meta(),
        type: 'ConfigurationUpserted',
        data: {
          id: row.id,
          organizationId: row.organization_id,
          key: row.key,
          valueType,
          value,
          updatedAt: row.updated_at.toISOString(),
        },
      }),
    };
  });
}

/**
 * Announces every category, product and configuration to the compacted
 * master-data topic (the sibling of publishAccounts), so processors that join
 * against it see the seed. Each record is validated with its contract schema
 * first; acks=all. Idempotent: the same state again is the same latest value
 * per key after compaction.
 */
export async function publishMasterData(databaseUrl: string, brokers: string[], prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const records = await Promise.all([categories(client), products(client), configurations(client)])
    .then((lists) => lists.flat())
    .finally(() => client.end());
  const producer = new Kafka({ brokers, logLevel: logLevel.WARN, clientId: 'billstream-setup' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // The web app's partitioner (Java-compatible murmur2): one key, one partition, so compaction keeps the latest.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (let start = 0; start < records.length; start += RECORDS_PER_SEND_MAX) {
      await producer.send({
        topic: topicName(TOPICS.masterData, prefix),
        acks: -1,
        messages: records.slice(start, start + RECORDS_PER_SEND_MAX).map((record) => ({
          key: record.key,
          value: JSON.stringify(record.event),
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
  return records.length;
}
