import { printablePassword } from '@billstream/db';
import { type Config, childEnv, loadConfig } from './config.ts';
import { publishDemoBilling } from './demoBilling.ts';
import { publishDemoPayments } from './demoPayments.ts';
import { acquireLock, updateLock } from './lock.ts';
import { say, warn } from './log.ts';
import { isStopping, stopAll } from './procs.ts';
import { recordRestartsInRedis } from './redis.ts';
import { ensureServices, prepareData } from './setup.ts';
import { processorApps, runStreamsCommand, startProcessors } from './streams.ts';
import { runTests, summarize } from './test.ts';
import { describeTopics } from './topics.ts';
import { buildWeb, startWeb } from './web.ts';

function onSignals(handler: (signal: string) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => handler(signal));
}

async function shutdown(code: number): Promise<never> {
  await stopAll();
  process.exit(code);
}

async function start(): Promise<void> {
  const config = loadConfig();
  const other = acquireLock(config.dataDir, 'start', {
    command: 'start',
    startedAt: new Date().toISOString(),
    urls: {},
  });
  if (other) {
    say(`Billstream is already running (pid ${other.pid}, started ${other.startedAt}).`);
    for (const [name, url] of Object.entries(other.urls)) say(`  ${name.padEnd(10)} ${url}`);
    say('Stop it with Ctrl-C in its terminal (or `kill <pid>`), then run `npm start` again.');
    process.exit(1);
  }
  onSignals((signal) => {
    if (isStopping()) return;
    say(`${signal} received: stopping what this run started`);
    void shutdown(0);
  });
  await ensureServices(config);
  const seeded = await prepareData(config, { freshDatabase: false });
  // Only `npm start` gets demo invoices: tests own their data.
  if (seeded.demo) {
    const demoInvoices = await publishDemoBilling(config.kafkaBrokers, config.kafkaTopicPrefix);
    say(`demo: ${demoInvoices} invoices in every state sent to billing (applied once, however often you start)`);
  }
  const env = childEnv(config);
  buildWeb(env);
  await recordRestartsInRedis(config);
  const processorUrls = await startProcessors(processorApps(config), env);
  const webUrl = await startWeb(config.webPort, env);
  const urls: Record<string, string> = { web: config.publicUrl, api: `${config.publicUrl}/api/v1` };
  processorApps(config).forEach((app, index) => {
    urls[app.name] = `${processorUrls[index]}/metrics`;
  });
  updateLock(config.dataDir, 'start', urls);
  printSummary(config, urls, seeded, webUrl);
  // Through the running API, so it fills the payment screens the way a user would; never blocks the start.
  if (seeded.demo)
    void publishDemoPayments(webUrl, config.databaseUrl, seeded.admin).then(
      (result) => say(`demo: ${result}`),
      (error: Error) => say(`demo payments skipped: ${error.message}`),
    );
}

function printSummary(
  config: Config,
  urls: Record<string, string>,
  seeded: Awaited<ReturnType<typeof prepareData>>,
  webUrl: string,
): void {
  say('');
  say('Billstream is running. Ctrl-C stops everything this command started.');
  for (const [name, url] of Object.entries(urls)) say(`  ${name.padEnd(10)} ${url}`);
  say(`  postgres   ${config.databaseUrl}`);
  say(`  redis      ${config.redisUrl}`);
  say(`  kafka      ${config.kafkaBrokers.join(',')}`);
  say(`  admin      ${seeded.admin.email} / ${printablePassword(seeded.admin.password)}`);
  for (const account of seeded.accounts) say(`  account    ${account.accountNumber} ${account.currency} ${account.id}`);
  const sample = seeded.accounts[0];
  if (sample) {
    say('Try it (the API wants a token: README, "First API call", shows how to create one as the admin):');
    say(`  curl -s -X POST ${webUrl}/api/v1/transactions -H 'Content-Type: application/json' \\`);
    say(`    -H "Authorization: Bearer $TOKEN" -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \\`);
    say(`    -d '{"accountId":"${sample.id}","type":"credit","amount":"100.00","currency":"${sample.currency}"}'`);
  }
}

async function services(): Promise<void> {
  const config = loadConfig();
  onSignals(() => void shutdown(0));
  await ensureServices(config);
  await prepareData(config, { freshDatabase: false });
  say('services are ready; Ctrl-C stops the ones this command started');
}

/** Migrate, create topics and seed against services that must already answer (containers). */
async function setupOnly(): Promise<void> {
  const config = loadConfig();
  const seeded = await prepareData(config, { freshDatabase: false });
  say(`setup done; admin ${seeded.admin.email} / ${printablePassword(seeded.admin.password)}`);
  process.exit(0);
}

/**
 * `npm run reset-views`: `streams reset-views` with this checkout's settings,
 * for a database whose views another Kafka cluster built (the processors must
 * be stopped; `npm start` refuses such a database and names this way out).
 */
async function resetViews(): Promise<void> {
  const config = loadConfig();
  // The start lock: a running `npm start` of this checkout would apply records while the views are rebuilt.
  const other = acquireLock(config.dataDir, 'start', {
    command: 'reset-views',
    startedAt: new Date().toISOString(),
    urls: {},
  });
  if (other) throw new Error(`Billstream is running (pid ${other.pid}, ${other.command}): stop it before reset-views`);
  // `npm start` stopped the broker it started when it refused: start what does not answer, stop it after.
  await ensureServices(config);
  try {
    const db = await import('@billstream/db');
    await db.migrate(config.databaseUrl, { log: (message: string) => say(`migrate: ${message}`) });
    runStreamsCommand(['reset-views'], childEnv(config));
  } finally {
    await stopAll();
  }
  say('views reset: `npm start` now rebuilds them from this Kafka cluster');
  process.exit(0);
}

async function main(): Promise<void> {
  const [command = 'start', ...rest] = process.argv.slice(2);
  try {
    if (command === 'start') await start();
    else if (command === 'services') await services();
    else if (command === 'setup') await setupOnly();
    else if (command === 'reset-views') await resetViews();
    else if (command === 'topics') {
      for (const line of await describeTopics(loadConfig().kafkaBrokers)) say(line);
      process.exit(0);
    } else if (command === 'test') {
      onSignals(() => void shutdown(130));
      const results = await runTests(rest);
      // Stopped first, so the summary and the failures are the last lines of the log.
      await stopAll();
      await shutdown(summarize(results));
    } else if (command === 'noop') process.exit(0);
    else throw new Error(`unknown command "${command}" (use start, test, services, setup, topics or reset-views)`);
  } catch (error) {
    warn(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await shutdown(1);
  }
}

void main();
