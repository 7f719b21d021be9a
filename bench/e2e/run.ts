/**
 * `pnpm bench:e2e`: the whole path a user's command takes — POST to the
 * built web app (API token, validation, Idempotency-Key, acks=all produce),
 * the ledger, billing and payments processors (exactly-once) and their view
 * sinks — timed from the POST until the command's row shows its final state
 * in PostgreSQL, where the API reads it. Offers 1,000 commands/s for 60 s
 * (70 % transactions, 20 % ten-line invoices, 10 % card payments), then posts
 * 1,000-line invoices, and runs a Kafka produce → consume peer at the same
 * rate on the same broker. Writes bench/results/e2e-<date>.md. Not a test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { processorApps, startProcessors } from '../../scripts/dev/streams.ts';
import { cpuModel } from '../api/wrk.ts';
import { prepareBench } from '../common/benchSetup.ts';
import { runBenchmark } from '../common/lifecycle.ts';
import { createToken, ready, startWebApp } from '../common/webApp.ts';
import { BENCH_E2E, ROOT } from './config.ts';
import { runLargeInvoices } from './large.ts';
import { type LoadFixture, type LoadPlan, runLoad } from './load.ts';
import { runKafkaPeer } from './peer.ts';
import { type E2eResults, markdown, verdicts } from './report.ts';
import { distribution } from './stats.ts';
import { type CommandKind, VisibilityPoller } from './visibility.ts';

const say = (message: string) => process.stdout.write(`[bench:e2e] ${message}\n`);
/** The processors a command of the mix passes through. */
const APPS = new Set(['ledger', 'billing', 'payments']);
const PEER_SECONDS_MAX = 20;

/** Accounts, products and stored cards of the seeded organization, read from its database. */
async function loadFixture(pool: pg.Pool, baseUrl: string, token: string, adminEmail: string): Promise<LoadFixture> {
  const org = `(SELECT organization_id FROM users WHERE email = $1)`;
  const accounts = (
    await pool.query<{ id: string; currency: string }>(
      `SELECT id::text, currency FROM billing_accounts WHERE organization_id = ${org} AND status = 'active'
        ORDER BY account_number LIMIT $2`,
      [adminEmail, BENCH_E2E.accountsMax],
    )
  ).rows;
  const usd = accounts.filter((account) => account.currency === 'USD');
  const products = await pool.query<{ id: string }>(
    `SELECT id::text FROM products WHERE organization_id = ${org} AND is_active AND currency = 'USD' ORDER BY sku`,
    [adminEmail],
  );
  if (usd.length === 0 || products.rows.length === 0) throw new Error('the seed has no active USD account or product');
  const cards = [];
  for (const account of usd.slice(0, BENCH_E2E.cardAccountsMax)) {
    const response = await fetch(`${baseUrl}/api/v1/payment-methods`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        accountId: account.id,
        method: { type: 'card', number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' },
      }),
    });
    if (response.status !== 201)
      throw new Error(`storing a card answered ${response.status}: ${await response.text()}`);
    cards.push({
      accountId: account.id,
      currency: account.currency,
      methodId: ((await response.json()) as { id: string }).id,
    });
  }
  return {
    baseUrl,
    token,
    accounts,
    invoiceAccounts: usd.map((a) => a.id),
    productIds: products.rows.map((r) => r.id),
    cards,
  };
}

async function start() {
  fs.mkdirSync(BENCH_E2E.tmpDir, { recursive: true });
  const { config, seeded, env } = await prepareBench(BENCH_E2E);
  say('starting the ledger, billing and payments processors');
  await startProcessors(
    processorApps(config).filter((app) => APPS.has(app.name)),
    env,
    { logDir: BENCH_E2E.tmpDir },
  );
  const baseUrl = `http://127.0.0.1:${config.webPort}`;
  startWebApp(env, config.webPort, path.join(BENCH_E2E.tmpDir, 'web.log'));
  await ready(`${baseUrl}/api/v1/health`);
  const scopes = ['transactions:create', 'invoices:create', 'payments:create'];
  const token = await createToken(baseUrl, seeded.admin, `bench-e2e-${BENCH_E2E.stamp}`, scopes);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 4 });
  const fixture = await loadFixture(pool, baseUrl, token, seeded.admin.email);
  return { config, pool, fixture };
}

/** One load at the plan's rate, watched until every accepted command is visible or the drain time is up. */
async function watchedLoad(fixture: LoadFixture, pool: pg.Pool, seconds: number) {
  const poller = new VisibilityPoller(pool, BENCH_E2E);
  poller.start();
  const plan: LoadPlan = { ...BENCH_E2E, seconds };
  const tally = await runLoad(fixture, plan, poller);
  say(`${tally.offered} sent, ${tally.notOffered} not offered; waiting for ${poller.outstanding()} views`);
  const missing = await poller.drain(BENCH_E2E.drainSeconds * 1000);
  poller.stop();
  return { tally, missing, seen: poller.seen };
}

async function main(): Promise<void> {
  const { config, pool, fixture } = await start();
  say(`warm-up: ${BENCH_E2E.warmupSeconds} s at ${BENCH_E2E.ratePerSec} commands/s`);
  await watchedLoad(fixture, pool, BENCH_E2E.warmupSeconds);
  say(`load: ${BENCH_E2E.durationSeconds} s at ${BENCH_E2E.ratePerSec} commands/s`);
  const { tally, missing, seen } = await watchedLoad(fixture, pool, BENCH_E2E.durationSeconds);
  say(`large invoices: ${BENCH_E2E.large.invoices} × ${BENCH_E2E.large.lines} lines`);
  const large = await runLargeInvoices(fixture, pool, {
    ...BENCH_E2E.large,
    pollIntervalMs: BENCH_E2E.pollIntervalMs,
    limitMs: BENCH_E2E.drainSeconds * 1000,
  });
  const peerSeconds = Math.min(BENCH_E2E.durationSeconds, PEER_SECONDS_MAX);
  say(`peer: Kafka produce → consume, ${peerSeconds} s at ${BENCH_E2E.ratePerSec} records/s`);
  const peer = await runKafkaPeer({
    brokers: config.kafkaBrokers,
    topic: `${BENCH_E2E.topicPrefix}peer`,
    ratePerSec: BENCH_E2E.ratePerSec,
    seconds: peerSeconds,
  });
  await pool.end();
  const latencies = (kind?: CommandKind) =>
    distribution(seen.filter((s) => !kind || s.kind === kind).map((s) => s.visibleAtMs - s.startedAtMs));
  const accepted = tally.accepted.transaction + tally.accepted.invoice + tally.accepted.payment;
  const results: E2eResults = {
    date: new Date().toISOString().slice(0, 10),
    setup: setupFacts(config.kafkaVersion),
    offeredPerSec: BENCH_E2E.ratePerSec,
    tally,
    acceptedPerSec: accepted / (tally.elapsedMs / 1000),
    visible: latencies(),
    visibleByKind: {
      transaction: latencies('transaction'),
      invoice: latencies('invoice'),
      payment: latencies('payment'),
    },
    accept: distribution(tally.acceptMs),
    missing,
    peer,
    large,
    notes: NOTES,
  };
  writeResults(results);
}

function writeResults(results: E2eResults): void {
  const file = path.join(BENCH_E2E.resultsDir, `e2e-${results.date}.md`);
  fs.mkdirSync(BENCH_E2E.resultsDir, { recursive: true });
  fs.writeFileSync(file, markdown(results));
  fs.writeFileSync(
    file.replace(/\.md$/, '.json'),
    `${JSON.stringify({ ...results, tally: { ...results.tally, acceptMs: undefined } }, null, 2)}\n`,
  );
  say('');
  say(`accepted     ${results.acceptedPerSec.toFixed(0)} commands/s of ${results.offeredPerSec} offered`);
  say(
    `visible      p50 ${results.visible.p50Ms.toFixed(0)} ms, p99 ${results.visible.p99Ms.toFixed(0)} ms (${results.missing} never visible)`,
  );
  say(`kafka peer   p50 ${results.peer.p50Ms.toFixed(0)} ms, p99 ${results.peer.p99Ms.toFixed(0)} ms`);
  say(`large        ${results.large.linesPerSec.toFixed(0)} lines/s`);
  for (const verdict of verdicts(results))
    say(`${verdict.met ? 'met   ' : 'MISSED'} ${verdict.target}: ${verdict.measured}`);
  say(`written to ${path.relative(ROOT, file)}`);
}

function setupFacts(kafkaVersion: string): Record<string, string> {
  return {
    Machine: `${cpuModel()}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores; the load generator, web app, three processors, Kafka, PostgreSQL and Redis share them`,
    Node: process.version,
    'Load average at the end (1/5/15 min)': os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' / '),
    Load: `open loop, ${BENCH_E2E.ratePerSec} commands/s for ${BENCH_E2E.durationSeconds} s after a ${BENCH_E2E.warmupSeconds} s warm-up, at most ${BENCH_E2E.inFlightMax} requests in flight, ${BENCH_E2E.accountsMax} accounts, one API token, a unique Idempotency-Key per command`,
    Pipeline:
      'web/.output (NODE_ENV=production) → Kafka → ledger, billing and payments processors (exactly-once, one Kafka transaction per task) → view sinks → PostgreSQL',
    Visibility: `a poller reads the views every ${BENCH_E2E.pollIntervalMs} ms; a command is visible when its row shows its final state (transaction completed or rejected, invoice issued, payment succeeded or failed)`,
    Kafka: `local single broker ${kafkaVersion}, topics and groups under ${BENCH_E2E.topicPrefix}`,
  };
}

const NOTES = [
  'Every latency is measured from just before the POST to the first poll that sees the row final, so it includes up to one poll period of waiting.',
  'A command due while the in-flight limit is reached is not offered (counted above): the accepted rate, not the offered one, is what the pipeline sustained.',
  'The peer carries one record per command through the same broker with acks=all and a read_committed consumer, with no web app, processor or database in between: the floor of any Kafka-based path on this machine.',
  'Processors commit one Kafka transaction per task and batch, and the view sinks read read_committed; their commit interval bounds how soon a view can show a command.',
];

runBenchmark({ name: 'bench-e2e', topicPrefix: BENCH_E2E.topicPrefix, tmpDir: BENCH_E2E.tmpDir, say }, main);
