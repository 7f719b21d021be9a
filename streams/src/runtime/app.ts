import type { Clients } from './clients.ts';
import type { RuntimeConfig } from './config.ts';
import type { RouteHandler } from './httpRoutes.ts';
import type { Metrics } from './metrics.ts';

/** What the runtime hands an app: clients, config, metrics and a readiness flag. */
export interface AppContext {
  readonly config: RuntimeConfig;
  readonly clients: Clients;
  readonly metrics: Metrics;
  setReady(ready: boolean): void;
  /** Serves POST `path` on the processor's HTTP port (loopback by default); runApp provides it, harnesses may not. */
  serve?(path: string, handler: RouteHandler): void;
}

export interface RunningApp {
  /** Finish the batch in flight, commit, leave the group. */
  stop(): Promise<void>;
}

export interface AppDefinition {
  readonly name: string;
  readonly description: string;
  /** The seed's service port, where /healthz, /readyz and /metrics are served. */
  readonly defaultPort: number;
  start(context: AppContext): Promise<RunningApp>;
  /** Views this app materializes, by name; `streams rebuild <view>` finds the app through this. */
  readonly views?: readonly string[];
  /** The views kept in PostgreSQL (`streams reset-views` rebuilds each). */
  readonly postgresViews?: readonly string[];
  /** Every topic the app reads, writes or creates, by name, for this config's topic prefix. */
  topicNames?(config: RuntimeConfig): string[];
  /** Truncates a view and rebuilds it from the topics of `clusterId` (default: the brokers'); returns the rows applied. */
  rebuild?(context: AppContext, view: string, clusterId?: string): Promise<number>;
}
