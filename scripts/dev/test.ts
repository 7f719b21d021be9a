import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Config, childEnv, loadConfig, ROOT } from './config.ts';
import { acquireLock } from './lock.ts';
import { say } from './log.ts';
import { commandPath } from './procs.ts';
import { emptyRedisDatabase, recordRestartsInRedis } from './redis.ts';
import { ensureServices, prepareData } from './setup.ts';
import { processorApps, startProcessors } from './streams.ts';
import { FAILURES_SHOWN_MAX, failuresOf } from './testReport.ts';
import { deleteTestTopics } from './topics.ts';
import { buildWeb, startWeb } from './web.ts';

const CHROMIUM = '/usr/bin/chromium';

export interface SuiteResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly exitCode: number;
  readonly failures: readonly string[];
}

/** Test runs own a database, a Redis db, a topic prefix and ports, so they never touch `npm start`'s data. */
/** A port nothing listens on now, so concurrent test runs on one machine never share a server. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function testConfig(): Promise<Config> {
  const base = loadConfig();
  const databaseUrl = new URL(base.databaseUrl);
  // One database per checkout: two clones testing on one machine never drop each other's data.
  const checkout = crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 8);
  databaseUrl.pathname = `/${process.env.TEST_DATABASE_NAME ?? `billstream_test_${checkout}`}`;
  const redisUrl = new URL(base.redisUrl);
  // Emptied when the run starts: two checkouts testing at once need their own (TEST_REDIS_DB).
  redisUrl.pathname = `/${process.env.TEST_REDIS_DB ?? '15'}`;
  const webPort = Number(process.env.TEST_WEB_PORT ?? (await freePort()));
  return loadConfig({
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl.toString(),
    KAFKA_TOPIC_PREFIX: `t${Date.now()}.`,
    WEB_PORT: String(webPort),
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    LEDGER_PORT: process.env.TEST_LEDGER_PORT ?? String(await freePort()),
    BILLING_PORT: process.env.TEST_BILLING_PORT ?? String(await freePort()),
    ANALYTICS_PORT: process.env.TEST_ANALYTICS_PORT ?? String(await freePort()),
    ACTIVITY_PORT: process.env.TEST_ACTIVITY_PORT ?? String(await freePort()),
    // One foreign origin the CORS tests (web/test/gateway-security.int.test.ts) may use.
    CORS_ORIGINS: process.env.TEST_CORS_ORIGINS ?? 'https://partner.billstream.test',
    SUBSCRIPTIONS_PORT: process.env.TEST_SUBSCRIPTIONS_PORT ?? String(await freePort()),
    PAYMENTS_PORT: process.env.TEST_PAYMENTS_PORT ?? String(await freePort()),
    USAGE_PORT: process.env.TEST_USAGE_PORT ?? String(await freePort()),
    // chDB lets one process open a data path: each run's usage processor gets its own.
    CLICKHOUSE_PATH: path.join(os.tmpdir(), `billstream-clickhouse-${checkout}-${Date.now()}`),
    WEBHOOKS_PORT: process.env.TEST_WEBHOOKS_PORT ?? String(await freePort()),
  });
}

function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM)) return;
  const root = os.userInfo().uid === 0;
  const sudo = !root && commandPath('sudo') ? ['sudo', '-n'] : [];
  if (!root && sudo.length === 0)
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  say('installing Debian chromium for the browser tests (apt-get install -y chromium)');
  const apt = (args: string[]) =>
    spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', 'chromium']);
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`could not install chromium; install it with apt-get install -y chromium`);
}

/**
 * Runs a test runner and waits for it without blocking the event loop: the
 * supervisor (procs.ts) must see a processor that a test kills and restart it
 * while the suite runs, as it would under `npm start`.
 */
function runCommand(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function runSuite(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  report: string,
): Promise<SuiteResult> {
  say(`── ${name} tests ──`);
  fs.rmSync(report, { force: true });
  const exitCode = await runCommand(command, args, env);
  if (!fs.existsSync(report)) {
    const failures = exitCode === 0 ? [] : [`${name}: exited with ${exitCode} before writing its report`];
    return { name, passed: 0, failed: failures.length, exitCode, failures };
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  const reported = failuresOf(report);
  // A runner can fail outside any test (a crashed worker, an error after the last test).
  const failures =
    exitCode !== 0 && reported.length === 0
      ? [`${name}: exited with ${exitCode}; no test failed in its report`]
      : reported;
  if (json.stats)
    return { name, passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected, exitCode, failures };
  return {
    name,
    passed: json.numPassedTests,
    failed: json.numFailedTests + (exitCode !== 0 && json.numFailedTests === 0 ? 1 : 0),
    exitCode,
    failures,
  };
}

/** Runs the suites; the caller stops what they used, then prints `summarize` last, where a log's tail shows it. */
export async function runTests(args: string[]): Promise<SuiteResult[]> {
  const only = args[0];
  // `npm test -- integration web/test/users` runs only the matching files.
  const filters = args.slice(1);
  const config = await testConfig();
  const other = acquireLock(config.dataDir, 'test', { command: 'test', startedAt: new Date().toISOString(), urls: {} });
  if (other) throw new Error(`another npm test is running (pid ${other.pid}); wait for it to finish`);
  const reportDir = path.join(config.dataDir, 'test');
  fs.mkdirSync(reportDir, { recursive: true });
  const env = childEnv(config, { CI: process.env.CI ?? '' });
  const results: SuiteResult[] = [];
  if (!only || only === 'unit') {
    results.push(
      await runSuite(
        'unit',
        'vitest',
        [
          'run',
          '--project',
          'unit',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${reportDir}/unit.json`,
        ],
        env,
        `${reportDir}/unit.json`,
      ),
    );
  }
  if (only === 'unit') return results;
  if (!only || only === 'e2e') ensureChromium();
  await ensureServices(config);
  const removed = await deleteTestTopics(config.kafkaBrokers, config.kafkaTopicPrefix);
  if (removed > 0) say(`removed ${removed} topics of earlier test runs`);
  await emptyRedisDatabase(config.redisUrl);
  await prepareData(config, { freshDatabase: true });
  buildWeb(env);
  await recordRestartsInRedis(config);
  await startProcessors(processorApps(config), env);
  const baseUrl = await startWeb(config.webPort, env);
  const suiteEnv = { ...env, BASE_URL: baseUrl };
  if (!only || only === 'integration') {
    results.push(
      await runSuite(
        'integration',
        'vitest',
        [
          'run',
          '--project',
          'integration',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${reportDir}/integration.json`,
          ...filters,
        ],
        suiteEnv,
        `${reportDir}/integration.json`,
      ),
    );
  }
  if (!only || only === 'e2e') {
    results.push(
      await runSuite(
        'e2e',
        'playwright',
        ['test', '-c', 'web/playwright.config.ts', '--reporter=list,json', ...filters],
        { ...suiteEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reportDir}/e2e.json` },
        `${reportDir}/e2e.json`,
      ),
    );
  }
  return results;
}

export function summarize(results: readonly SuiteResult[]): number {
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  for (const result of results) say(`${result.name.padEnd(12)} ${result.passed} passed, ${result.failed} failed`);
  const failures = results.flatMap((result) => result.failures);
  if (failures.length > 0) say(`failed (${failures.length}; reports in .data/test):`);
  for (const failure of failures.slice(0, FAILURES_SHOWN_MAX)) say(`  ✗ ${failure}`);
  const anyFailed = results.some((result) => result.exitCode !== 0) || failed > 0;
  process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
  return anyFailed ? 1 : 0;
}
