import type { ChainableCommander } from 'ioredis';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type pg from 'pg';
import { ZodError } from 'zod';
import type { RecordMetadata } from '../../engine/index.ts';
import type { AppContext } from '../app.ts';
import { ClusterMismatchError } from './clusterBinding.ts';
import { dlqTopicName, viewTopicName } from './topologyRunner.ts';

/** One change to a view: value null deletes the row. `offset` orders changes per key. */
export interface ViewRow {
  readonly key: unknown;
  readonly value: unknown;
  readonly timestampMs: number;
  readonly source: RecordMetadata | null;
  readonly partition: number;
  readonly offset: bigint;
}

export interface PostgresViewHandler {
  /** Runs once before the sink starts, e.g. CREATE TABLE IF NOT EXISTS for a view outside the Prisma schema. */
  prepare?(client: pg.PoolClient): Promise<void>;
  /** Upserts/deletes the rows in the caller's transaction (batched: unnest or COPY). */
  apply(client: pg.PoolClient, rows: readonly ViewRow[]): Promise<void>;
  /** Empties the view for `streams rebuild`. */
  truncate(client: pg.PoolClient): Promise<void>;
}

export interface RedisViewHandler {
  /** The hash a row lives in and its fields; null fields delete the hash. */
  toHash(row: ViewRow): { key: string; fields: Record<string, string> | null };
  /** Expire each written hash after this long (e.g. windows nobody reads once old); unset keeps them. */
  readonly ttlSeconds?: number;
}

export interface ViewHandlers {
  readonly postgres?: PostgresViewHandler;
  readonly redis?: RedisViewHandler;
}

/** Rows applied in one PostgreSQL transaction. */
export const VIEW_BATCH_ROWS_MAX = 5_000;
const SINK_BACKOFF_MAX_MS = 5_000;

export function decodeViewRow(partition: number, message: KafkaMessage): ViewRow {
  const parsed = JSON.parse(message.value!.toString('utf8')) as {
    key: unknown;
    value: unknown;
    timestampMs: number;
    source: RecordMetadata | null;
  };
  return { ...parsed, partition, offset: BigInt(message.offset) };
}

/**
 * PostgreSQL view write + the partition's next offset, in one transaction: a
 * replay never applies twice. The offsets are only trusted when they count
 * `clusterId`'s records: another cluster's offsets throw instead of skipping.
 */
export async function applyPostgres(
  pool: pg.Pool,
  clusterId: string,
  view: string,
  topic: string,
  partition: number,
  rows: readonly ViewRow[],
  handler: PostgresViewHandler,
): Promise<number> {
  if (rows.length > VIEW_BATCH_ROWS_MAX) throw new Error(`${rows.length} rows exceed VIEW_BATCH_ROWS_MAX`);
  const client = await pool.connect();
  // A connection that dies while checked out emits 'error' on the client, not
  // the pool: without a listener that would crash the process mid-outage.
  const ignore = () => {};
  client.on('error', ignore);
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO stream_offsets (view, topic, partition, next_offset, cluster_id, updated_at)
      VALUES ($1, $2, $3, 0, $4, now()) ON CONFLICT (view, topic, partition) DO NOTHING`,
      [view, topic, partition, clusterId],
    );
    const locked = await client.query<{ next_offset: string; cluster_id: string | null }>(
      'SELECT next_offset, cluster_id FROM stream_offsets WHERE view = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
      [view, topic, partition],
    );
    const owner = locked.rows[0]!.cluster_id;
    if (owner !== null && owner !== clusterId) throw new ClusterMismatchError([owner], clusterId);
    const next = BigInt(locked.rows[0]!.next_offset);
    const fresh = rows.filter((row) => row.offset >= next);
    if (fresh.length > 0) {
      await handler.apply(client, fresh);
      await client.query(
        `UPDATE stream_offsets SET next_offset = $4, cluster_id = $5, updated_at = now()
        WHERE view = $1 AND topic = $2 AND partition = $3`,
        [view, topic, partition, (fresh[fresh.length - 1]!.offset + 1n).toString(), clusterId],
      );
    }
    await client.query('COMMIT');
    return fresh.length;
  } catch (error) {
    broken = true;
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}

// Writes only when the incoming version is newer: a replayed or late write can
// never put an older row over a newer one. Versions are offsets of one Kafka
// cluster (_cluster; a hash without it predates the field and counts as this
// cluster's): another cluster's hash is replaced whole, never compared.
const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], '_version')
local cluster = redis.call('HGET', KEYS[1], '_cluster')
local same = (not cluster) or cluster == ARGV[2]
if current and same and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
if ARGV[3] == '__delete__' or not same then redis.call('DEL', KEYS[1]) end
if ARGV[3] == '__delete__' then redis.call('HSET', KEYS[1], '_version', ARGV[1], '_cluster', ARGV[2]) return 1 end
redis.call('HSET', KEYS[1], '_version', ARGV[1], '_cluster', ARGV[2], unpack(ARGV, 3))
return 1`;

export function applyRedis(
  pipeline: ChainableCommander,
  clusterId: string,
  rows: readonly ViewRow[],
  handler: RedisViewHandler,
): void {
  for (const row of rows) {
    const { key, fields } = handler.toHash(row);
    // The view topic offset orders changes; a key always lives in one partition.
    const version = row.offset.toString();
    if (fields === null) pipeline.eval(SET_IF_NEWER, 1, key, version, clusterId, '__delete__');
    else pipeline.eval(SET_IF_NEWER, 1, key, version, clusterId, ...Object.entries(fields).flat());
    if (handler.ttlSeconds !== undefined) pipeline.expire(key, handler.ttlSeconds);
  }
}

/**
 * Attempts at a view write that keeps failing with a data error (the rows
 * themselves are bad, so waiting cannot heal it) before the batch is written
 * row by row and the bad rows are dead-lettered. Outages (connection errors)
 * are retried without limit: the sink pauses until the store is back.
 */
export const SINK_DATA_ERROR_ATTEMPTS_MAX = 3;

/** The rows cannot be written as they are: a PostgreSQL data or constraint error, or an invalid view row. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^2[23]/.test(code)) return true;
  return error instanceof ZodError || error instanceof SyntaxError;
}

class PoisonRowsError extends Error {}

async function writeWithRetry(
  context: AppContext,
  view: string,
  payload: EachBatchPayload,
  write: () => Promise<void>,
): Promise<void> {
  let backoffMs = 250;
  let dataErrors = 0;
  for (;;) {
    try {
      await write();
      return;
    } catch (error) {
      if (!payload.isRunning()) throw error;
      if (isDataError(error) && ++dataErrors >= SINK_DATA_ERROR_ATTEMPTS_MAX) {
        throw new PoisonRowsError((error as Error).message);
      }
      context.metrics.inc('streams_view_retries_total', { view });
      // Another cluster's offsets (a reset or a broker swap while running) hold the sink until an operator acts.
      if (error instanceof ClusterMismatchError) context.clients.log.error({ view }, error.message);
      else
        context.clients.log.warn(
          { view, err: (error as Error).message, backoffMs },
          'view sink unavailable; pausing and retrying',
        );
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      backoffMs = Math.min(SINK_BACKOFF_MAX_MS, backoffMs * 2);
      await payload.heartbeat().catch(() => {});
    }
  }
}

/** Most update notices one batch publishes; a bigger batch sends one "reload" notice per organization instead. */
export const NOTICES_PER_BATCH_MAX = 500;

/** The Redis channel where the web app hears about view changes of one organization. */
export function updatesChannel(topicPrefix: string, organizationId: string): string {
  return ['billstream', topicPrefix || 'default', 'updates', organizationId].join(':');
}

/**
 * After rows are committed to PostgreSQL, tell the web app (Redis pub/sub →
 * SSE) which objects changed, per organization, so pages update live. Best
 * effort: a lost notice only means a page catches up on its next read.
 */
async function notifyUpdates(context: AppContext, view: string, rows: readonly ViewRow[]): Promise<void> {
  const byOrganization = new Map<string, string[]>();
  for (const row of rows) {
    const organizationId = (row.value as { organizationId?: unknown } | null)?.organizationId;
    if (typeof organizationId !== 'string') continue;
    const ids = byOrganization.get(organizationId) ?? [];
    ids.push(String(row.key));
    byOrganization.set(organizationId, ids);
  }
  if (byOrganization.size === 0) return;
  const pipeline = context.clients.redis.pipeline();
  for (const [organizationId, ids] of byOrganization) {
    const notice =
      ids.length > NOTICES_PER_BATCH_MAX ? { view, ids: [], reload: true } : { view, ids: [...new Set(ids)] };
    pipeline.publish(updatesChannel(context.config.topicPrefix, organizationId), JSON.stringify(notice));
  }
  await pipeline.exec().catch((error: unknown) => {
    context.clients.log.warn({ err: error, view }, 'cannot publish view updates');
  });
}

interface SinkTarget {
  readonly context: AppContext;
  /** The Kafka cluster whose offsets and versions the view's rows carry. */
  readonly clusterId: string;
  readonly appId: string;
  readonly view: string;
  readonly topic: string;
  readonly backend: 'postgres' | 'redis';
  readonly handlers: ViewHandlers;
  readonly payload: EachBatchPayload;
}

async function writeRows(sink: SinkTarget, partition: number, rows: readonly ViewRow[], skip = false): Promise<void> {
  const { context, clusterId, appId, view, topic, handlers } = sink;
  if (sink.backend === 'postgres') {
    // Skipping still moves the offsets past the rows, in the same SQL transaction, so a replay never retries them.
    const handler = skip ? { apply: async () => {}, truncate: handlers.postgres!.truncate } : handlers.postgres!;
    await applyPostgres(context.clients.pool, clusterId, `${appId}:${view}`, topic, partition, rows, handler);
    if (!skip) await notifyUpdates(context, view, rows);
    return;
  }
  if (skip) return;
  const pipeline = context.clients.redis.pipeline();
  applyRedis(pipeline, clusterId, rows, handlers.redis!);
  const results = await pipeline.exec();
  const failed = results?.find(([error]) => error !== null);
  if (failed) throw failed[0];
}

/**
 * Writes one chunk of view records. When the chunk keeps failing with a data
 * error, it is written record by record and each bad record is dead-lettered
 * with its reason: one bad row never stalls a view for every tenant.
 */
async function writeChunk(sink: SinkTarget, partition: number, chunk: readonly KafkaMessage[]): Promise<void> {
  const messages = chunk.filter((message) => message.value !== null);
  try {
    const rows = messages.map((message) => decodeViewRow(partition, message));
    await writeWithRetry(sink.context, sink.view, sink.payload, () => writeRows(sink, partition, rows));
    sink.context.metrics.inc('streams_view_rows_total', { view: sink.view, backend: sink.backend }, rows.length);
    return;
  } catch (error) {
    // A record that is not even JSON fails before any write; anything else that is not poison is an outage or a stop.
    if (!(error instanceof PoisonRowsError) && !(error instanceof SyntaxError)) throw error;
  }
  for (const message of messages) {
    let row: ViewRow | null = null;
    try {
      row = decodeViewRow(partition, message);
      await writeWithRetry(sink.context, sink.view, sink.payload, () => writeRows(sink, partition, [row!]));
      sink.context.metrics.inc('streams_view_rows_total', { view: sink.view, backend: sink.backend });
    } catch (error) {
      if (!(error instanceof PoisonRowsError) && !(error instanceof SyntaxError)) throw error;
      await deadLetterViewRecord(sink, partition, message, (error as Error).message);
      if (row)
        await writeWithRetry(sink.context, sink.view, sink.payload, () => writeRows(sink, partition, [row!], true));
    }
  }
}

/** One idempotent producer per process for view records that cannot be written. */
let deadLetterProducer: Promise<Producer> | null = null;

async function deadLetterViewRecord(sink: SinkTarget, partition: number, message: KafkaMessage, reason: string) {
  const { context, appId, view, topic } = sink;
  deadLetterProducer ??= (async () => {
    const producer = context.clients.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return producer;
  })();
  const producer = await deadLetterProducer;
  await producer.send({
    topic: dlqTopicName(appId),
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          'dlq.error': `view ${view} (${sink.backend}) cannot store this record: ${reason}`.slice(0, 2_000),
          'dlq.source.topic': topic,
          'dlq.source.partition': String(partition),
          'dlq.source.offset': message.offset,
          'dlq.time': new Date().toISOString(),
        },
      },
    ],
  });
  context.metrics.inc('streams_dlq_records_total');
  context.clients.log.warn({ view, topic, partition, offset: message.offset, reason }, 'view record dead-lettered');
}

async function startSink(
  context: AppContext,
  clusterId: string,
  appId: string,
  view: string,
  backend: 'postgres' | 'redis',
  handlers: ViewHandlers,
): Promise<Consumer> {
  const topic = viewTopicName(appId, view);
  if (backend === 'postgres' && handlers.postgres?.prepare) {
    const client = await context.clients.pool.connect();
    await handlers.postgres.prepare(client).finally(() => client.release());
  }
  const consumer = context.clients.kafka.consumer({
    groupId: `${appId}-view-${view}-${backend}`,
    readUncommitted: false,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 4,
    eachBatch: async (payload) => {
      const { batch } = payload;
      for (let start = 0; start < batch.messages.length; start += VIEW_BATCH_ROWS_MAX) {
        const chunk = batch.messages.slice(start, start + VIEW_BATCH_ROWS_MAX);
        const sink = { context, clusterId, appId, view, topic, backend, handlers, payload };
        await writeChunk(sink, batch.partition, chunk);
        const last = chunk[chunk.length - 1]!.offset;
        payload.resolveOffset(last);
        await consumer.commitOffsets([{ topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
      }
    },
  });
  return consumer;
}

/** One consumer per view and backend, each reading the view's compacted topic of cluster `clusterId`. */
export async function startViewSinks(
  context: AppContext,
  clusterId: string,
  appId: string,
  views: Readonly<Record<string, ViewHandlers>>,
): Promise<{ stop(): Promise<void> }> {
  const consumers: Consumer[] = [];
  for (const [view, handlers] of Object.entries(views)) {
    if (handlers.postgres) consumers.push(await startSink(context, clusterId, appId, view, 'postgres', handlers));
    if (handlers.redis) consumers.push(await startSink(context, clusterId, appId, view, 'redis', handlers));
  }
  return {
    async stop() {
      // Together: each disconnect waits out its consumer's fetch in flight, and apps have many sinks.
      await Promise.all(consumers.map((consumer) => consumer.disconnect().catch(() => {})));
      // The dead-letter producer exists only once a view record was dead-lettered; its sockets would hold the process.
      const producer = deadLetterProducer;
      deadLetterProducer = null;
      await producer?.then((connected) => connected.disconnect()).catch(() => {});
    },
  };
}
