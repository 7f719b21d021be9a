import type { BillableMetricDefinition } from '@billstream/contracts';
import type { ClickHouseParams } from '../../runtime/index.ts';
import { USAGE_EVENTS_TABLE } from './usageEvents.ts';

/** One period's aggregate of a metric, per group ('' without group-by); decimals as strings. */
export interface MetricAggregate {
  readonly group: string;
  readonly value: string;
}

export interface AggregationScope {
  readonly organizationId: string;
  readonly accountId: string;
  /** The period [from, to) as ISO instants. */
  readonly from: string;
  readonly to: string;
}

/** Property values are read as Decimal(38, 10); a value that is not a number is left out (NULL). */
const VALUE = 'toDecimal128OrNull(properties[{property:String}], 10)';
const GROUP = "if({groupBy:String} = '', '', properties[{groupBy:String}])";

const clickhouseTime = (iso: string) => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');

function filtersOf(metric: BillableMetricDefinition, params: Record<string, ClickHouseParams[string]>): string {
  return metric.filters
    .map((filter, index) => {
      params[`filterProperty${index}`] = filter.property;
      params[`filterValues${index}`] = filter.values;
      return ` AND has({filterValues${index}:Array(String)}, properties[{filterProperty${index}:String}])`;
    })
    .join('');
}

const AGGREGATES: Record<Exclude<BillableMetricDefinition['aggregation'], 'weighted_sum'>, string> = {
  count: 'toString(count())',
  sum: `toString(sum(${VALUE}))`,
  max: `toString(max(${VALUE}))`,
  unique_count: 'toString(uniqExact(properties[{property:String}]))',
  // The last event by time; transaction id breaks ties so the answer never depends on storage order.
  latest: `toString(argMax(${VALUE}, (timestamp, transaction_id)))`,
};

/**
 * Time-weighted sum: the running total of the increments, each weighed by
 * the share of the period it held (until the next event, or the period end).
 */
const WEIGHTED = `SELECT grp AS group, toString(sum(running * toDecimal128(held, 0)) / toDecimal128({periodMs:Int64}, 0)) AS value
  FROM (
    SELECT grp,
      sum(v) OVER (PARTITION BY grp ORDER BY timestamp, transaction_id ROWS UNBOUNDED PRECEDING) AS running,
      dateDiff('millisecond', timestamp, leadInFrame(timestamp, 1, toDateTime64({to:String}, 3, 'UTC'))
        OVER (PARTITION BY grp ORDER BY timestamp, transaction_id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)) AS held
    FROM (SELECT ${GROUP} AS grp, timestamp, transaction_id, ifNull(${VALUE}, toDecimal128(0, 10)) AS v
      FROM ${USAGE_EVENTS_TABLE} FINAL WHERE __WHERE__))
  GROUP BY grp ORDER BY grp`;

/**
 * The ClickHouse SQL of one metric over one account's period, scoped to its
 * organization; events count once (FINAL). Values never enter the SQL text.
 */
export function aggregationQuery(metric: BillableMetricDefinition, scope: AggregationScope) {
  const params: Record<string, ClickHouseParams[string]> = {
    organizationId: scope.organizationId,
    accountId: scope.accountId,
    code: metric.code,
    from: clickhouseTime(scope.from),
    to: clickhouseTime(scope.to),
    property: metric.property ?? '',
    groupBy: metric.groupBy ?? '',
    periodMs: Date.parse(scope.to) - Date.parse(scope.from),
  };
  const where = `organization_id = {organizationId:UUID} AND account_id = {accountId:UUID} AND code = {code:String}
    AND timestamp >= toDateTime64({from:String}, 3, 'UTC') AND timestamp < toDateTime64({to:String}, 3, 'UTC')${filtersOf(metric, params)}`;
  const sql =
    metric.aggregation === 'weighted_sum'
      ? WEIGHTED.replace('__WHERE__', where)
      : `SELECT ${GROUP} AS group, ${AGGREGATES[metric.aggregation]} AS value
          FROM ${USAGE_EVENTS_TABLE} FINAL WHERE ${where} GROUP BY group ORDER BY group`;
  return { sql, params: params as ClickHouseParams & { organizationId: string } };
}
