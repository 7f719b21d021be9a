import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { AppContext, RunningApp } from '../app.ts';
import { ensureInternalTopics } from '../kafka/internalTopics.ts';
import { dlqTopicName } from '../kafka/topologyRunner.ts';
import type { ClickHouse } from './clickhouse.ts';

/** Rows written to ClickHouse in one insert (and records dead-lettered in one produce). */
export const CLICKHOUSE_INSERT_ROWS_MAX = 10_000;
/** The table of stored source offsets, one row per write; the highest next_offset per partition counts. */
export const SINK_OFFSETS_TABLE = 'stream_sink_offsets';

/** A record's row, or why it is a dead letter. */
export type Decoded = { readonly ok: true; readonly row: object } | { readonly ok: false; readonly reason: string };

export interface ClickHouseSinkSpec {
  /** Consumer group and DLQ name (`<appId>-dlq`). */
  readonly appId: string;
  readonly topic: string;
  readonly table: string;
  /** CREATE TABLE IF NOT EXISTS … for `table`. */
  readonly createTable: string;
  decode(message: KafkaMessage, partition: number): Decoded;
}

const OFFSETS_DDL = `CREATE TABLE IF NOT EXISTS ${SINK_OFFSETS_TABLE} (
  topic String, partition UInt32, next_offset UInt64, updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(next_offset) ORDER BY (topic, partition)`;

/** The first offset of `partition` not yet in ClickHouse: the stored offsets, not Kafka's, are the truth. */
export async function storedNextOffset(clickhouse: ClickHouse, topic: string, partition: number): Promise<bigint> {
  const rows = await clickhouse.querySystem<{ next: string }>(
    `SELECT toString(max(next_offset)) AS next FROM ${SINK_OFFSETS_TABLE}
      WHERE topic = {topic:String} AND partition = {partition:UInt32}`,
    { topic, partition },
  );
  return BigInt(rows[0]?.next ?? '0');
}

async function deadLetter(
  producer: Producer,
  spec: ClickHouseSinkSpec,
  partition: number,
  letters: readonly [KafkaMessage, string][],
) {
  if (letters.length === 0) return;
  await producer.send({
    topic: dlqTopicName(spec.appId),
    acks: -1,
    messages: letters.map(([message, reason]) => ({
      key: message.key,
      value: message.value,
      headers: {
        'dlq.error': reason.slice(0, 2_000),
        'dlq.source.topic': spec.topic,
        'dlq.source.partition': String(partition),
        'dlq.source.offset': message.offset,
      },
    })),
  });
}

/**
 * One chunk: dead letters first, then the rows, then the partition's next
 * offset. A crash before the offset row replays the chunk: the rows land on
 * the same keys of a ReplacingMergeTree, so reads with FINAL count them once,
 * and a dead letter may be sent twice (at least once, like any DLQ).
 */
async function writeChunk(
  context: AppContext,
  clickhouse: ClickHouse,
  producer: Producer,
  spec: ClickHouseSinkSpec,
  partition: number,
  messages: readonly KafkaMessage[],
) {
  const rows: object[] = [];
  const letters: [KafkaMessage, string][] = [];
  for (const message of messages) {
    const decoded = spec.decode(message, partition);
    if (decoded.ok) rows.push(decoded.row);
    else letters.push([message, decoded.reason]);
  }
  await deadLetter(producer, spec, partition, letters);
  for (const [message, reason] of letters)
    context.clients.log.warn({ partition, offset: message.offset, reason }, 'record dead-lettered');
  context.metrics.inc('streams_dlq_records_total', {}, letters.length);
  await clickhouse.insert(spec.table, rows);
  const next = (BigInt(messages[messages.length - 1]!.offset) + 1n).toString();
  await clickhouse.insert(SINK_OFFSETS_TABLE, [{ topic: spec.topic, partition, next_offset: next }]);
  context.metrics.inc('streams_view_rows_total', {}, rows.length);
}

async function eachBatch(
  context: AppContext,
  clickhouse: ClickHouse,
  producer: Producer,
  spec: ClickHouseSinkSpec,
  payload: EachBatchPayload,
) {
  const { batch, resolveOffset, heartbeat } = payload;
  const next = await storedNextOffset(clickhouse, spec.topic, batch.partition);
  const fresh = batch.messages.filter((message) => BigInt(message.offset) >= next);
  for (let start = 0; start < fresh.length; start += CLICKHOUSE_INSERT_ROWS_MAX) {
    const chunk = fresh.slice(start, start + CLICKHOUSE_INSERT_ROWS_MAX);
    await writeChunk(context, clickhouse, producer, spec, batch.partition, chunk);
    resolveOffset(chunk[chunk.length - 1]!.offset);
    await heartbeat();
  }
  if (fresh.length === 0 && batch.messages.length > 0) resolveOffset(batch.lastOffset());
}

async function ensureDlq(context: AppContext, appId: string): Promise<void> {
  const admin = context.clients.kafka.admin();
  await admin.connect();
  try {
    const replication = Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1);
    await ensureInternalTopics(admin, [{ name: dlqTopicName(appId), partitions: 1, compacted: false }], replication);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Consumes `spec.topic` into a ClickHouse table in batches, exactly once in
 * effect: each chunk's source offsets are stored beside its rows, and a
 * restart skips what ClickHouse already holds (docs/usage.md).
 */
export async function startClickHouseSink(context: AppContext, spec: ClickHouseSinkSpec): Promise<RunningApp> {
  const clickhouse = await context.clients.clickhouse();
  await clickhouse.exec(spec.createTable);
  await clickhouse.exec(OFFSETS_DDL);
  context.metrics.define('streams_dlq_records_total', 'counter', 'Records sent to the dead-letter topic');
  context.metrics.define('streams_view_rows_total', 'counter', 'Rows written to ClickHouse');
  await ensureDlq(context, spec.appId);
  const producer = context.clients.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer: Consumer = context.clients.kafka.consumer({ groupId: spec.appId, readUncommitted: false });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: spec.topic, fromBeginning: true });
  consumer.on(consumer.events.GROUP_JOIN, () => context.setReady(true));
  await consumer.run({
    autoCommit: true,
    eachBatchAutoResolve: false,
    eachBatch: (payload) => eachBatch(context, clickhouse, producer, spec, payload),
  });
  return {
    async stop() {
      context.setReady(false);
      await consumer.disconnect().catch(() => {});
      await producer.disconnect().catch(() => {});
    },
  };
}
