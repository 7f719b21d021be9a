import { TOPICS, topicName } from '@billstream/contracts';
import type { AppDefinition } from '../../runtime/app.ts';
import { startClickHouseSink } from '../../runtime/clickhouse/clickhouseSink.ts';
import { CREATE_USAGE_EVENTS, decodeUsageEvent, USAGE_EVENTS_TABLE } from './usageEvents.ts';

/**
 * usage-events → ClickHouse (usage_events). This process owns ClickHouse:
 * embedded chDB lets only one process open its data path, so the web app
 * reads usage through this app's HTTP endpoint (docs/usage.md).
 */
export const usageApp: AppDefinition = {
  name: 'usage',
  description: 'Stores usage events in ClickHouse, once each, for billable metrics and usage charges',
  defaultPort: 9007,
  start(context) {
    const appId = `${context.config.topicPrefix}usage`;
    return startClickHouseSink(context, {
      appId,
      topic: topicName(TOPICS.usageEvents, context.config.topicPrefix),
      table: USAGE_EVENTS_TABLE,
      createTable: CREATE_USAGE_EVENTS,
      decode: decodeUsageEvent,
    });
  },
};
