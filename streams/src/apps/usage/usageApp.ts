import { AggregateUsageRequest, internalTopicName, TOPICS, topicName } from '@billstream/contracts';
import type { AppContext, AppDefinition } from '../../runtime/index.ts';
import { HttpRouteError, startClickHouseSink } from '../../runtime/index.ts';
import { aggregationQuery } from './usageAggregation.ts';
import { CREATE_USAGE_EVENTS, decodeUsageEvent, USAGE_EVENTS_TABLE } from './usageEvents.ts';

/** POST body: AggregateUsageRequest; answer: `{ aggregates: [{group, value}] }`, decimals as strings. */
export const AGGREGATE_ROUTE = '/usage/aggregate';

async function aggregate(context: AppContext, body: unknown) {
  const parsed = AggregateUsageRequest.safeParse(body);
  if (!parsed.success)
    throw new HttpRouteError(
      422,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  const { sql, params } = aggregationQuery(parsed.data.metric, parsed.data);
  const clickhouse = await context.clients.clickhouse();
  return { aggregates: await clickhouse.query<{ group: string; value: string }>(sql, params) };
}

/**
 * usage-events → ClickHouse (usage_events). This process owns ClickHouse:
 * embedded chDB lets only one process open its data path, so the web app
 * reads usage through this app's HTTP port (AGGREGATE_ROUTE, docs/usage.md).
 */
export const usageApp: AppDefinition = {
  name: 'usage',
  description: 'Stores usage events in ClickHouse, once each, for billable metrics and usage charges',
  defaultPort: 9007,
  // The sink reads usage-events and dead-letters into its own DLQ; nothing else.
  topicNames: (config) => [
    topicName(TOPICS.usageEvents, config.topicPrefix),
    internalTopicName(`${config.topicPrefix}usage`, 'dlq'),
  ],
  start(context) {
    const appId = `${context.config.topicPrefix}usage`;
    context.serve?.(AGGREGATE_ROUTE, (body) => aggregate(context, body));
    return startClickHouseSink(context, {
      appId,
      topic: topicName(TOPICS.usageEvents, context.config.topicPrefix),
      table: USAGE_EVENTS_TABLE,
      createTable: CREATE_USAGE_EVENTS,
      decode: decodeUsageEvent,
    });
  },
};
