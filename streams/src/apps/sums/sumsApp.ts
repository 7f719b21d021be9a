import { AmountPosted, AmountTotal, money, PROOF_TOPICS, topicName } from '@billstream/contracts';
import { StreamsBuilder, stringSerde, zodSerde } from '../../engine/index.ts';
import type { PostgresViewHandler, ViewRow } from '../../runtime/index.ts';
import { topologyApp } from '../../runtime/index.ts';

/**
 * Sum per key with exactly-once: the engine's proof and benchmark topology.
 * Reads `<prefix>sums-input`, writes totals to `<prefix>sums-output`, to the
 * PostgreSQL view `sum_totals` and to Redis hashes `sums:<key>`.
 */
export function sumsTopology(prefix: string) {
  const builder = new StreamsBuilder();
  const totals = builder
    .stream(topicName(PROOF_TOPICS.sumsInput, prefix), { keySerde: stringSerde, valueSerde: zodSerde(AmountPosted) })
    .groupByKey()
    .aggregate<AmountTotal>(
      () => ({ key: '', total: '0', count: 0, lastSentAtMs: 0 }),
      (key, posted, total) => ({
        key,
        total: money(total.total).plus(posted.amount).toFixed(),
        count: total.count + 1,
        lastSentAtMs: Math.max(total.lastSentAtMs, posted.sentAtMs),
      }),
      { storeName: 'totals', valueSerde: zodSerde(AmountTotal) },
    );
  totals.toStream().to(topicName(PROOF_TOPICS.sumsOutput, prefix), { valueSerde: zodSerde(AmountTotal) });
  totals.toPostgres('sum_totals');
  totals.toRedis('sum_totals');
  return builder.build();
}

export const SUM_TOTALS_TABLE = `CREATE TABLE IF NOT EXISTS sum_totals (
  key text PRIMARY KEY, total numeric(30, 4) NOT NULL, count bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;

function totalOf(row: ViewRow): AmountTotal | null {
  return row.value === null ? null : AmountTotal.parse(row.value);
}

/** The PostgreSQL writer of `sum_totals`; exported so the benchmark measures exactly this code. */
export const sumTotalsPostgres: PostgresViewHandler = {
  async prepare(client) {
    await client.query(SUM_TOTALS_TABLE);
  },
  async apply(client, rows) {
    const live = rows.map(totalOf).filter((total): total is AmountTotal => total !== null);
    // One statement per batch: unnest arrays, last write per key wins within the batch.
    const latest = new Map(live.map((total) => [total.key, total]));
    await client.query(
      `INSERT INTO sum_totals (key, total, count)
       SELECT * FROM unnest($1::text[], $2::numeric[], $3::bigint[])
       ON CONFLICT (key) DO UPDATE SET total = EXCLUDED.total, count = EXCLUDED.count, updated_at = now()`,
      [
        [...latest.keys()],
        [...latest.values()].map((total) => total.total),
        [...latest.values()].map((total) => total.count),
      ],
    );
  },
  async truncate(client) {
    await client.query(SUM_TOTALS_TABLE);
    await client.query('TRUNCATE sum_totals');
  },
};

export const sumsApp = topologyApp({
  name: 'sums',
  description: 'Exactly-once sum per key (engine proof and benchmark topology)',
  defaultPort: 9100,
  build: (config) => sumsTopology(config.topicPrefix),
  views: {
    sum_totals: {
      postgres: sumTotalsPostgres,
      redis: {
        toHash(row) {
          const total = totalOf(row);
          return {
            key: `sums:${String(row.key)}`,
            fields: total ? { total: total.total, count: String(total.count) } : null,
          };
        },
      },
    },
  },
});
