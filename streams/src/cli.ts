import { APPS } from './apps/index.ts';
import { reconcileLedger } from './apps/ledger/reconcile.ts';
import { closeClients, createClients } from './runtime/clients.ts';
import { runtimeConfigFromEnv } from './runtime/config.ts';
import { ClusterMismatchError } from './runtime/kafka/clusterBinding.ts';
import { rebuildOnce, resetViewsOnce, runApp } from './runtime/runApp.ts';

const USAGE = `usage: streams <command>
  streams list            list the processor apps
  streams run <app>       run one app as a long-lived process (one process per app)
  streams rebuild <view>  truncate a PostgreSQL view and rebuild it from its topic
  streams reset-views     rebuild every PostgreSQL view from the brokers' Kafka cluster and drop other clusters' offsets
  streams reconcile       check ledger balances against completed transactions and the topics (exit 1 on mismatch)`;

async function reconcileOnce() {
  const config = runtimeConfigFromEnv(process.env, 0);
  const clients = createClients('reconcile', config);
  try {
    return await reconcileLedger(clients.kafka, clients.pool, config.topicPrefix);
  } finally {
    await closeClients(clients);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'list') {
    for (const app of Object.values(APPS))
      process.stdout.write(`${app.name.padEnd(10)} :${app.defaultPort}  ${app.description}\n`);
    return 0;
  }
  if (command === 'reconcile') {
    const report = await reconcileOnce();
    for (const line of report.lines) process.stdout.write(`${line}\n`);
    return report.ok ? 0 : 1;
  }
  if (command === 'reset-views') {
    for (const line of await resetViewsOnce(Object.values(APPS))) process.stdout.write(`${line}\n`);
    return 0;
  }
  if (command === 'rebuild') {
    const view = args[0];
    const app = Object.values(APPS).find((candidate) => view !== undefined && candidate.views?.includes(view));
    if (!app?.rebuild || view === undefined) {
      process.stderr.write(
        `unknown view "${view ?? ''}"; known: ${Object.values(APPS)
          .flatMap((a) => a.views ?? [])
          .join(', ')}\n`,
      );
      return 2;
    }
    const rows = await rebuildOnce(app, view);
    process.stdout.write(`rebuilt ${view}: ${rows} rows\n`);
    return 0;
  }
  if (command === 'run') {
    if (args.length !== 1) {
      process.stderr.write(`streams run takes exactly one app (got ${args.length}); start one process per app\n`);
      return 2;
    }
    const app = APPS[args[0]!];
    if (!app) {
      process.stderr.write(`unknown app "${args[0]}"; known: ${Object.keys(APPS).join(', ')}\n`);
      return 2;
    }
    await runApp(app);
    return -1;
  }
  process.stderr.write(`${USAGE}\n`);
  return command ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    // A refusal is an operator's next step, not a crash: its message, without a stack.
    if (error instanceof ClusterMismatchError) process.stderr.write(`refusing to start: ${error.message}\n`);
    else process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
