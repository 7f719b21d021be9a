import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import { readToEnd } from './readToEnd.ts';
import { viewTopicName } from './topologyRunner.ts';
import { decodeViewRow, type PostgresViewHandler, VIEW_BATCH_ROWS_MAX, type ViewRow } from './viewSink.ts';

/** A view topic is compacted, so this bounds memory by the number of live view keys. */
export const REBUILD_ROWS_MAX = 5_000_000;

/**
 * `streams rebuild <view>`: empties a PostgreSQL view and re-applies its
 * compacted view topic from the beginning, all in one SQL transaction together
 * with the per-partition offsets (tagged with `clusterId`) — readers see the
 * old view until the new one is complete, and a live sink resumes after the
 * rebuilt offsets. A view topic this cluster does not have yet leaves the
 * view empty (`streams reset-views` on a new cluster).
 */
export async function rebuildPostgresView(
  kafka: Kafka,
  pool: pg.Pool,
  clusterId: string,
  appId: string,
  view: string,
  handler: PostgresViewHandler,
  log: (message: string) => void,
): Promise<number> {
  const topic = viewTopicName(appId, view);
  const admin = kafka.admin();
  await admin.connect();
  const exists = (await admin.listTopics()).includes(topic);
  const partitions = exists ? (await admin.fetchTopicOffsets(topic)).map((offsets) => offsets.partition) : [];
  await admin.disconnect();
  const rows: ViewRow[] = [];
  await readToEnd(
    kafka,
    partitions.map((partition) => ({ topic, partition })),
    (ref, message) => {
      if (rows.length >= REBUILD_ROWS_MAX) throw new Error(`view ${view} has more than REBUILD_ROWS_MAX rows`);
      if (message.value !== null) rows.push(decodeViewRow(ref.partition, message));
    },
  );
  log(`read ${rows.length} view records from ${topic}`);
  const client = await pool.connect();
  try {
    await handler.prepare?.(client);
    await client.query('BEGIN');
    await handler.truncate(client);
    const offsetsView = `${appId}:${view}`;
    await client.query('DELETE FROM stream_offsets WHERE view = $1', [offsetsView]);
    for (const partition of partitions) {
      const own = rows.filter((row) => row.partition === partition);
      for (let start = 0; start < own.length; start += VIEW_BATCH_ROWS_MAX) {
        await handler.apply(client, own.slice(start, start + VIEW_BATCH_ROWS_MAX));
      }
      const next = own.length > 0 ? own[own.length - 1]!.offset + 1n : 0n;
      await client.query(
        `INSERT INTO stream_offsets (view, topic, partition, next_offset, cluster_id, updated_at)
        VALUES ($1, $2, $3, $4, $5, now())`,
        [offsetsView, topic, partition, next.toString(), clusterId],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return rows.length;
}
