import { UsageEventReceived } from '@billstream/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { Decoded } from '../../runtime/index.ts';

/** The ClickHouse table of usage events. */
export const USAGE_EVENTS_TABLE = 'usage_events';

/**
 * Deduplicated by its ORDER BY key (organization_id, transaction_id): a
 * repeated transactionId, or a chunk replayed after a crash, lands on the same
 * key, and every read uses FINAL so it counts once (a duplicate with other
 * contents: the one stored last wins). No time partitioning, because a
 * ReplacingMergeTree only deduplicates within one partition.
 */
export const CREATE_USAGE_EVENTS = `CREATE TABLE IF NOT EXISTS ${USAGE_EVENTS_TABLE} (
  organization_id UUID,
  transaction_id String,
  account_id UUID,
  code LowCardinality(String),
  timestamp DateTime64(3, 'UTC'),
  properties Map(String, String),
  source_partition UInt32,
  source_offset UInt64
) ENGINE = ReplacingMergeTree ORDER BY (organization_id, transaction_id)`;

/** ClickHouse's DateTime64 text form: "2026-12-01 10:00:00.000" (UTC). */
function clickhouseTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

/** Validates a usage-events record on consume; anything else is a dead letter with its reason. */
export function decodeUsageEvent(message: KafkaMessage, partition: number): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = UsageEventReceived.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `not a usage event: ${first?.path.join('.')} ${first?.message}` };
  }
  const { data } = parsed.data;
  return {
    ok: true,
    row: {
      organization_id: data.organizationId,
      transaction_id: data.transactionId,
      account_id: data.accountId,
      code: data.code,
      timestamp: clickhouseTime(data.timestamp),
      properties: data.properties,
      source_partition: partition,
      source_offset: message.offset,
    },
  };
}
