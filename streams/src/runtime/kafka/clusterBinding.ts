import type { Kafka } from 'kafkajs';
import type pg from 'pg';

/**
 * The views in PostgreSQL were built from another Kafka cluster than the one
 * the brokers belong to now (a second clone, or a deleted `.data/`, with the
 * same DATABASE_URL). Their offsets count the old cluster's records, so
 * applying the new cluster's records against them would skip some as
 * "already applied" and leave others on top of the old state.
 */
export class ClusterMismatchError extends Error {
  override readonly name = 'ClusterMismatchError';
  constructor(
    readonly databaseClusters: readonly string[],
    readonly brokerCluster: string,
  ) {
    super(
      `this database's views were built from Kafka cluster ${databaseClusters.join(', ')}, ` +
        `but the brokers belong to cluster ${brokerCluster}. Refusing to apply the new cluster's records ` +
        'over the old views. Either point DATABASE_URL at another database, or run `npm run reset-views` ' +
        '(`streams reset-views`) to rebuild every view from this cluster: whatever only the old cluster ' +
        'held (balances, transaction results, invoices) is not in this cluster and is lost from the views; ' +
        'see streams/README.md, "Kafka cluster and database".',
    );
  }
}

/** The id the brokers report (KafkaJS 2.2.4 has no topic ids: its Metadata requests stop at v6). */
export async function describeClusterId(kafka: Kafka): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).clusterId;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Checks that the database's view offsets belong to `clusterId` and adopts
 * rows written before offsets carried a cluster id (an upgrade cannot know
 * theirs: it takes the first cluster that starts a processor).
 */
export async function bindDatabaseToCluster(pool: pg.Pool, clusterId: string): Promise<void> {
  const foreign = await pool.query<{ cluster_id: string }>(
    'SELECT DISTINCT cluster_id FROM stream_offsets WHERE cluster_id IS NOT NULL AND cluster_id <> $1 ORDER BY 1',
    [clusterId],
  );
  if (foreign.rows.length > 0)
    throw new ClusterMismatchError(
      foreign.rows.map((row) => row.cluster_id),
      clusterId,
    );
  await pool.query('UPDATE stream_offsets SET cluster_id = $1 WHERE cluster_id IS NULL', [clusterId]);
}

/** Drops the offsets of every other cluster, e.g. of views no app materializes any more, after a reset. */
export async function forgetOtherClusters(pool: pg.Pool, clusterId: string): Promise<number> {
  const deleted = await pool.query('DELETE FROM stream_offsets WHERE cluster_id IS DISTINCT FROM $1', [clusterId]);
  return deleted.rowCount ?? 0;
}
