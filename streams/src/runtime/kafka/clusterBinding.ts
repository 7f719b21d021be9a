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

/** The offsets rows of these apps (`<appId>:<view>`): another prefix's apps may use another cluster. */
const OWN_ROWS = "split_part(view, ':', 1) = ANY($2::text[])";

/**
 * Checks that the view offsets of `appIds` belong to `clusterId` and adopts
 * their rows written before offsets carried a cluster id (an upgrade cannot
 * know theirs: it takes the first cluster that starts a processor).
 */
export async function bindDatabaseToCluster(
  pool: pg.Pool,
  clusterId: string,
  appIds: readonly string[],
): Promise<void> {
  const foreign = await pool.query<{ cluster_id: string }>(
    `SELECT DISTINCT cluster_id FROM stream_offsets
    WHERE cluster_id IS NOT NULL AND cluster_id <> $1 AND ${OWN_ROWS} ORDER BY 1`,
    [clusterId, appIds],
  );
  if (foreign.rows.length > 0)
    throw new ClusterMismatchError(
      foreign.rows.map((row) => row.cluster_id),
      clusterId,
    );
  await pool.query(`UPDATE stream_offsets SET cluster_id = $1 WHERE cluster_id IS NULL AND ${OWN_ROWS}`, [
    clusterId,
    appIds,
  ]);
}

/** Drops the offsets of `appIds` that another cluster counted, e.g. of views no app materializes any more. */
export async function forgetOtherClusters(
  pool: pg.Pool,
  clusterId: string,
  appIds: readonly string[],
): Promise<number> {
  const deleted = await pool.query(`DELETE FROM stream_offsets WHERE cluster_id IS DISTINCT FROM $1 AND ${OWN_ROWS}`, [
    clusterId,
    appIds,
  ]);
  return deleted.rowCount ?? 0;
}
