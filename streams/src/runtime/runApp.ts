import type { AppDefinition, RunningApp } from './app.ts';
import { closeClients, createClients } from './clients.ts';
import { runtimeConfigFromEnv } from './config.ts';
import type { RouteHandler } from './httpRoutes.ts';
import { startHttpServer } from './httpServer.ts';
import { describeClusterId, forgetOtherClusters } from './kafka/clusterBinding.ts';
import { Metrics } from './metrics.ts';

const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Runs one app as a long-lived process: builds its clients, serves health and
 * metrics, and on SIGTERM/SIGINT finishes the batch in flight, commits and
 * leaves the consumer group before exiting.
 */
export async function runApp(definition: AppDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = runtimeConfigFromEnv(env, definition.defaultPort);
  const clients = createClients(definition.name, config);
  const metrics = new Metrics();
  let ready = false;
  const routes = new Map<string, RouteHandler>();
  const server = await startHttpServer(
    config.httpPort,
    config.httpHost,
    { live: () => true, ready: () => ready },
    metrics,
    routes,
  );
  clients.log.info(
    { host: config.httpHost, port: config.httpPort },
    `${definition.name}: health and metrics on ${config.httpHost}:${config.httpPort}`,
  );
  let running: RunningApp | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ready = false;
    clients.log.info({ signal }, 'stopping: finishing the batch in flight');
    const timer = setTimeout(() => {
      clients.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    await running?.stop();
    await closeClients(clients);
    server.close();
    clearTimeout(timer);
    clients.log.info('stopped');
    process.exit(0);
  };
  watchParent(env, () => void stop('parent exited'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  running = await definition.start({
    config,
    clients,
    metrics,
    setReady: (value) => {
      ready = value;
    },
    serve: (path, handler) => {
      routes.set(path, handler);
    },
  });
}

/** Runs `definition.rebuild(view)` with the runtime's clients, then closes them. */
export async function rebuildOnce(
  definition: AppDefinition,
  view: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (!definition.rebuild) throw new Error(`app ${definition.name} cannot rebuild views`);
  const config = runtimeConfigFromEnv(env, definition.defaultPort);
  const clients = createClients(definition.name, config);
  try {
    return await definition.rebuild({ config, clients, metrics: new Metrics(), setReady: () => {} }, view);
  } finally {
    await closeClients(clients);
  }
}

/**
 * `streams reset-views`: rebuilds every PostgreSQL view of `apps` from the
 * brokers' cluster (empty where that cluster has no view topic yet), then drops
 * the offsets any other cluster left, so the processors start against views
 * and offsets of this cluster only. Run it with the processors stopped.
 */
export async function resetViewsOnce(
  apps: readonly AppDefinition[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const config = runtimeConfigFromEnv(env, 0);
  const clients = createClients('reset-views', config);
  try {
    const clusterId = await describeClusterId(clients.kafka);
    const context = { config, clients, metrics: new Metrics(), setReady: () => {} };
    const lines: string[] = [];
    for (const app of apps) {
      for (const view of app.postgresViews ?? []) {
        const rows = await app.rebuild!(context, view, clusterId);
        lines.push(`rebuilt ${view} (${app.name}): ${rows} rows from Kafka cluster ${clusterId}`);
      }
    }
    const appIds = apps.map((app) => `${config.topicPrefix}${app.name}`);
    const dropped = await forgetOtherClusters(clients.pool, clusterId, appIds);
    lines.push(`dropped ${dropped} view offsets of other Kafka clusters`);
    return lines;
  } finally {
    await closeClients(clients);
  }
}

const PARENT_CHECK_INTERVAL_MS = 2_000;

/**
 * `npm start` / `npm test` set BILLSTREAM_PARENT_PID: if the orchestrator dies
 * without stopping us (kill -9), stop too instead of lingering as an orphan.
 */
function watchParent(env: NodeJS.ProcessEnv, onGone: () => void): void {
  const parent = Number(env.BILLSTREAM_PARENT_PID ?? 0);
  if (!Number.isSafeInteger(parent) || parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      onGone();
    }
  }, PARENT_CHECK_INTERVAL_MS);
  timer.unref();
}
