import { COMMAND_FAILURES_VIEW } from '@billstream/contracts';
import type { Topology } from '../../engine/index.ts';
import type { AppContext, AppDefinition, RunningApp } from '../app.ts';
import type { RuntimeConfig } from '../config.ts';
import { bindDatabaseToCluster, describeClusterId } from './clusterBinding.ts';
import { commandFailuresView } from './commandFailures.ts';
import { appTopicNames } from './internalTopics.ts';
import { rebuildPostgresView } from './rebuild.ts';
import { type ProcessingGuarantee, TopologyRunner } from './topologyRunner.ts';
import { startViewSinks, type ViewHandlers } from './viewSink.ts';

export interface TopologyAppSpec {
  readonly name: string;
  readonly description: string;
  readonly defaultPort: number;
  readonly build: (config: RuntimeConfig) => Topology;
  /** PostgreSQL / Redis writers for the topology's view sinks, by view name. */
  readonly views?: Readonly<Record<string, ViewHandlers>>;
  /** Default policy for processing exceptions ("dead-letter" when unset); STREAMS_PROCESSING_ERRORS overrides it. */
  readonly processingErrors?: 'fail' | 'dead-letter';
}

function processingErrorPolicy(value: string): 'fail' | 'dead-letter' {
  if (value !== 'fail' && value !== 'dead-letter')
    throw new Error(`STREAMS_PROCESSING_ERRORS must be fail or dead-letter, not ${value}`);
  return value;
}

export const COMMIT_INTERVAL_DEFAULT_MS = 100;

function defineMetrics(context: AppContext): void {
  const { metrics } = context;
  metrics.define('streams_records_in_total', 'counter', 'Records consumed per topic');
  metrics.define(
    'streams_records_out_total',
    'counter',
    'Records produced per topic (outputs, changelogs, views, DLQ)',
  );
  metrics.define('streams_dlq_records_total', 'counter', 'Records sent to the dead-letter topic');
  metrics.define('streams_rebalances_total', 'counter', 'Consumer group joins');
  metrics.define('streams_restarts_total', 'counter', 'Restarts from the last commit after a failure');
  metrics.define('streams_commits_total', 'counter', 'Task commits (Kafka transactions with exactly-once)');
  metrics.define('streams_commit_seconds', 'histogram', 'Commit latency (one Kafka transaction per task)');
  metrics.define('streams_process_seconds', 'histogram', 'Time to process one fetched batch');
  metrics.define('streams_consumer_lag', 'gauge', 'Records behind the end of each input partition');
  metrics.define('streams_restored_records', 'gauge', 'Changelog records restored per task');
  metrics.define('streams_assigned_tasks', 'gauge', 'Tasks assigned to this instance');
  metrics.define('streams_last_commit_timestamp_seconds', 'gauge', 'Time of the last commit');
  metrics.define('streams_view_rows_total', 'counter', 'Rows written to materialized views');
  metrics.define('streams_view_retries_total', 'counter', 'View sink writes retried after a sink outage');
}

/** Turns a DSL/Processor-API topology into a runnable app (`streams run <name>`). */
export function topologyApp(spec: TopologyAppSpec): AppDefinition {
  return {
    name: spec.name,
    description: spec.description,
    defaultPort: spec.defaultPort,
    views: Object.keys(spec.views ?? {}),
    postgresViews: Object.entries(spec.views ?? {})
      .filter(([, handlers]) => handlers.postgres)
      .map(([view]) => view),
    topicNames: (config) => appTopicNames(`${config.topicPrefix}${spec.name}`, spec.build(config)),
    async rebuild(context: AppContext, view: string, clusterId?: string): Promise<number> {
      const handler = spec.views?.[view]?.postgres;
      if (!handler) throw new Error(`app ${spec.name} has no PostgreSQL view ${view}`);
      const appId = `${context.config.topicPrefix}${spec.name}`;
      const cluster = clusterId ?? (await describeClusterId(context.clients.kafka));
      return rebuildPostgresView(
        context.clients.kafka,
        context.clients.pool,
        cluster,
        appId,
        view,
        handler,
        (message) => context.clients.log.info(message),
      );
    },
    async start(context: AppContext): Promise<RunningApp> {
      defineMetrics(context);
      const env = process.env;
      const appId = `${context.config.topicPrefix}${spec.name}`;
      // Before anything is consumed: views built from another cluster must not meet this one's records.
      const clusterId = await describeClusterId(context.clients.kafka);
      await bindDatabaseToCluster(context.clients.pool, clusterId, [appId]);
      context.clients.log.info({ clusterId }, 'views bound to this Kafka cluster');
      const guarantee = (env.STREAMS_GUARANTEE ?? 'exactly_once') as ProcessingGuarantee;
      if (guarantee !== 'exactly_once' && guarantee !== 'at_least_once') {
        throw new Error(`STREAMS_GUARANTEE must be exactly_once or at_least_once, not ${guarantee}`);
      }
      const runner = new TopologyRunner(context, {
        appId,
        topology: spec.build(context.config),
        guarantee,
        commitIntervalMs: Number(env.STREAMS_COMMIT_INTERVAL_MS ?? COMMIT_INTERVAL_DEFAULT_MS),
        replicationFactor: Number(env.KAFKA_REPLICATION_FACTOR ?? 1),
        processingErrors: processingErrorPolicy(
          env.STREAMS_PROCESSING_ERRORS ?? spec.processingErrors ?? 'dead-letter',
        ),
      });
      await runner.start();
      const sinks = await startViewSinks(context, clusterId, appId, {
        ...spec.views,
        [COMMAND_FAILURES_VIEW]: commandFailuresView,
      });
      return {
        async stop() {
          // The sinks need not wait for the final commit: its view records are in Kafka for the next start.
          await Promise.all([runner.stop(), sinks.stop()]);
        },
      };
    },
  };
}
