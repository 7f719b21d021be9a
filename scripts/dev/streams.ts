import path from 'node:path';
import { type Config, ROOT } from './config.ts';
import { runChecked, startProcess, waitFor } from './procs.ts';

const STREAMS_READY_TIMEOUT_MS = 90_000;

/** `node … streams/src/cli.ts`, followed by the command. */
const STREAMS_CLI = [
  '--disable-warning=TimeoutNegativeWarning',
  '--import',
  'tsx',
  path.join(ROOT, 'streams', 'src', 'cli.ts'),
];

/** Runs one `streams <command>` to its end, with the output on this terminal; throws when it fails. */
export function runStreamsCommand(args: readonly string[], env: Record<string, string>): void {
  runChecked('node', [...STREAMS_CLI, ...args], { cwd: ROOT, env });
}

export interface AppSpec {
  readonly name: string;
  /** Port of /healthz, /readyz and /metrics (the seed's service ports). */
  readonly port: number;
}

/**
 * Every processor app, in start order. `npm start`, `npm test` and
 * docker-compose.yml run exactly these (docker-compose.test.ts holds the
 * compose file to this list).
 */
export const PROCESSOR_APP_NAMES = [
  'ledger',
  'billing',
  'analytics',
  'activity',
  'subscriptions',
  'payments',
  'usage',
  'webhooks',
] as const;

export type ProcessorAppName = (typeof PROCESSOR_APP_NAMES)[number];

/** The processor apps `npm start` and `npm test` run, each on its own port. */
export function processorApps(config: Config): AppSpec[] {
  const ports: Record<ProcessorAppName, number> = {
    ledger: config.ledgerPort,
    billing: config.billingPort,
    analytics: config.analyticsPort,
    activity: config.activityPort,
    subscriptions: config.subscriptionsPort,
    payments: config.paymentsPort,
    usage: config.usagePort,
    webhooks: config.webhooksPort,
  };
  return PROCESSOR_APP_NAMES.map((name) => ({ name, port: ports[name] }));
}

/**
 * Starts one long-lived process per processor app, one after the other: each
 * creates its internal topics at start, and a freshly started single broker
 * answers metadata for topics created concurrently by several clients with
 * errors that crash a starting app.
 */
export async function startProcessors(
  apps: readonly AppSpec[],
  env: Record<string, string>,
  options: { readonly logDir?: string } = {},
): Promise<string[]> {
  const urls: string[] = [];
  for (const app of apps) {
    startProcess(app.name, 'node', [...STREAMS_CLI, 'run', app.name], {
      cwd: ROOT,
      env: { ...env, STREAMS_HTTP_PORT: String(app.port) },
      stopTimeoutMs: 20_000,
      stopWithPeers: true,
      // A processor that dies (a crash, kill -9) comes back; commands would otherwise pile up unprocessed.
      supervise: true,
      // Benchmarks keep the processors' logs out of their own output.
      ...(options.logDir ? { logFile: path.join(options.logDir, `${app.name}.log`) } : {}),
    });
    const url = `http://127.0.0.1:${app.port}`;
    await waitFor(`processor at ${url}`, async () => (await fetch(`${url}/readyz`)).ok, STREAMS_READY_TIMEOUT_MS);
    urls.push(url);
  }
  return urls;
}
