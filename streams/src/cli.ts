import { APPS } from './apps/index.ts';
import { runApp } from './runtime/runApp.ts';

const USAGE = `usage: streams <command>
  streams list            list the processor apps
  streams run <app>       run one app as a long-lived process (one process per app)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'list') {
    for (const app of Object.values(APPS))
      process.stdout.write(`${app.name.padEnd(10)} :${app.defaultPort}  ${app.description}\n`);
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
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
