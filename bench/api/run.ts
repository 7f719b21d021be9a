/**
 * `pnpm bench:api`: loads POST /api/v1/transactions of the real web app
 * (API token, validation, Idempotency-Key, rate limiter, acks=all produce)
 * with wrk, then, in the same run and on the same broker, a bare node:http
 * handler doing the same validation and produce (bare.ts). Reports req/s,
 * p50/p99, the ratio and a CPU profile of the web app to
 * bench/results/api-<date>.md. Not a test; never run by npm test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../scripts/dev/config.ts';
import { startProcess, stopProcess, waitFor } from '../../scripts/dev/procs.ts';
import { prepareBench } from '../common/benchSetup.ts';
import { runBenchmark } from '../common/lifecycle.ts';
import { createToken, ready, startWebApp } from '../common/webApp.ts';
import { cpuSeconds, freePort } from '../streams/procs.ts';
import { summarizeProfile } from '../streams/profile.ts';
import { BENCH_API, ROOT } from './config.ts';
import { type ApiResults, markdown, ratio, type ServerRun, verdicts } from './report.ts';
import { cpuModel, ensureWrk, runWrk, scriptPath, writeWrkScript, wrkVersion } from './wrk.ts';

const say = (message: string) => process.stdout.write(`[bench:api] ${message}\n`);

async function startBare(env: Record<string, string>, mode: 'batched' | 'single') {
  const port = await freePort();
  const proc = startProcess(
    `bare-${mode}`,
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'bare.ts')],
    {
      cwd: ROOT,
      env: { ...env, PORT: String(port), BARE_PRODUCE: mode },
      logFile: path.join(BENCH_API.tmpDir, `bare-${mode}.log`),
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`bare handler (${mode})`, async () => (await fetch(base)).status === 404, BENCH_API.limits.readyMs);
  return { proc, base };
}

/** One request by hand first: a benchmark of 4xx answers would measure nothing. */
async function probe(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': `probe-${Date.now()}` },
    body,
  });
  if (response.status !== 202) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
}

async function measure(label: string, pid: number, url: string, script: string): Promise<ServerRun> {
  say(`${label}: warm-up ${BENCH_API.warmupSeconds} s`);
  await runWrk(label, url, script, BENCH_API.warmupSeconds);
  say(`${label}: ${BENCH_API.durationSeconds} s of load`);
  const cpuBefore = cpuSeconds(pid);
  const run = await runWrk(label, url, script, BENCH_API.durationSeconds);
  const cpuMs = (cpuSeconds(pid) - cpuBefore) * 1000;
  const accepted = Math.max(1, run.requests - run.non2xx);
  say(
    `${label}: ${run.acceptedPerSec.toFixed(0)} accepted req/s, p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms, ${run.non2xx} non-2xx, ${run.errors} socket errors`,
  );
  return { ...run, cpuMsPerRequest: cpuMs / accepted };
}

/** The web app again, under --cpu-prof, for a shorter load; the profile is written when it exits. */
async function profileWeb(env: Record<string, string>, port: number, url: string, script: string) {
  const dir = path.join(BENCH_API.tmpDir, 'profile');
  fs.mkdirSync(dir, { recursive: true });
  const web = startWebApp(env, port, path.join(BENCH_API.tmpDir, 'web-profiled.log'), [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
  ]);
  await ready(`http://127.0.0.1:${port}/api/v1/health`);
  await runWrk('profile warm-up', url, script, BENCH_API.warmupSeconds);
  const run = await runWrk('profile', url, script, BENCH_API.profileSeconds);
  await stopProcess(web);
  const file = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return { profile: undefined, note: 'The profiled web app exited without writing a CPU profile.' };
  return {
    profile: summarizeProfile(path.join(dir, file), 20),
    note: `Separate ${BENCH_API.profileSeconds} s run of the web app under \`node --cpu-prof\` (${run.acceptedPerSec.toFixed(0)} accepted req/s while profiled; the profiler costs some throughput). Self time per package or bundle chunk; "(program)" and "garbage collector" are V8 itself.`,
  };
}

async function main(): Promise<void> {
  fs.mkdirSync(BENCH_API.tmpDir, { recursive: true });
  ensureWrk(say);
  const { config, seeded, env } = await prepareBench(BENCH_API);
  const webBase = `http://127.0.0.1:${config.webPort}`;
  const web = startWebApp(env, config.webPort, path.join(BENCH_API.tmpDir, 'web.log'));
  await ready(`${webBase}/api/v1/health`);
  const token = await createToken(webBase, seeded.admin, `bench-${BENCH_API.stamp}`, ['transactions:create']);

  const bare = await startBare(env, 'batched');
  const bareBase = bare.base;

  const account = seeded.accounts[0];
  if (!account) throw new Error('the seed created no account');
  const body = JSON.stringify({ accountId: account.id, type: 'credit', amount: '1.00', currency: account.currency });
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const webScript = scriptPath('web.lua');
  const bareScript = scriptPath('bare.lua');
  writeWrkScript(webScript, body, headers);
  writeWrkScript(bareScript, body, { 'Content-Type': 'application/json' });
  const webUrl = `${webBase}/api/v1/transactions`;
  const bareUrl = `${bareBase}/api/v1/transactions`;
  await probe(webUrl, body, headers);
  await probe(bareUrl, body, { 'Content-Type': 'application/json' });

  const webRun = await measure('web app', web.child.pid!, webUrl, webScript);
  const bareRun = await measure('bare handler', bare.proc.child.pid!, bareUrl, bareScript);
  await stopProcess(bare.proc);
  // The same bare handler sending each record as its own request: what group commit is worth.
  const single = await startBare(env, 'single');
  const singleUrl = `${single.base}/api/v1/transactions`;
  await probe(singleUrl, body, { 'Content-Type': 'application/json' });
  const singleRun = await measure(
    'bare handler, one request per record',
    single.proc.child.pid!,
    singleUrl,
    bareScript,
  );
  await stopProcess(single.proc);
  await stopProcess(web);
  say('profiling the web app');
  const profiled = await profileWeb(env, config.webPort, webUrl, webScript);

  const results: ApiResults = {
    date: new Date().toISOString().slice(0, 10),
    setup: setupFacts(),
    web: webRun,
    bare: bareRun,
    bareSingle: singleRun,
    profile: profiled.profile,
    profileNote: profiled.note,
    notes: NOTES,
  };
  const file = path.join(BENCH_API.resultsDir, `api-${results.date}.md`);
  fs.mkdirSync(BENCH_API.resultsDir, { recursive: true });
  fs.writeFileSync(file, markdown(results));
  fs.writeFileSync(file.replace(/\.md$/, '.json'), `${JSON.stringify(results, null, 2)}\n`);
  printSummary(results, file);
}

function setupFacts(): Record<string, string> {
  const kafkaVersion = process.env.KAFKA_VERSION ?? loadConfig().kafkaVersion;
  return {
    Machine: `${cpuModel()}, ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores; wrk, the server, Kafka, PostgreSQL and Redis share them`,
    Node: process.version,
    'Load average at the end (1/5/15 min)': os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' / '),
    Load: `${wrkVersion()}, ${BENCH_API.threads} threads, ${BENCH_API.connections} connections, ${BENCH_API.durationSeconds} s per server after a ${BENCH_API.warmupSeconds} s warm-up; a unique Idempotency-Key per request (wrk Lua script)`,
    'Web app':
      'web/.output (nuxt build), NODE_ENV=production, API token auth, zod validation, Idempotency-Key claim in PostgreSQL, account lookup, Redis pending-command record, rate limiter (Redis sliding window; budgets raised so nothing is refused), produce with acks=all',
    'Bare handler':
      'bench/api/bare.ts: node:http, same zod schemas, same record builder, same KafkaJS producer settings (idempotent, maxInFlightRequests 1, acks=all) and the same group commit (web/server/utils/produceBatcher.ts); no auth, no idempotency store, no rate limit. Also run once sending each record as its own produce request, for comparison',
    Kafka: `local single broker ${kafkaVersion}, one command topic per run (prefix ${BENCH_API.topicPrefix})`,
  };
}

const NOTES = [
  'Both servers produce through one idempotent KafkaJS producer limited to one request in flight (the web app needs that for per-account ordering across retries). Records that arrive while a request is in flight go out together in the next one (group commit); every caller still waits for the acks=all of the request carrying its record. The "one request per record" row shows the same bare handler without group commit.',
  'The body is the same for every request (one account, so one partition); only the Idempotency-Key differs.',
  'The load average above tells how much else ran on the machine meanwhile: with more runnable processes than cores, every server got a smaller share of a core, so absolute req/s and latencies drop; the CPU ms per request of each server is the steadier measure of cost.',
  'Server CPU ms/request is the CPU time of the server process alone (from /proc) divided by its accepted requests; Kafka, PostgreSQL and Redis CPU is not included.',
];

function printSummary(results: ApiResults, file: string): void {
  say('');
  say(
    `web app      ${results.web.acceptedPerSec.toFixed(0)} req/s, p50 ${results.web.p50Ms.toFixed(1)} ms, p99 ${results.web.p99Ms.toFixed(1)} ms`,
  );
  say(
    `bare handler ${results.bare.acceptedPerSec.toFixed(0)} req/s, p50 ${results.bare.p50Ms.toFixed(1)} ms, p99 ${results.bare.p99Ms.toFixed(1)} ms`,
  );
  say(`ratio        ${ratio(results).toFixed(2)}x`);
  for (const verdict of verdicts(results))
    say(`${verdict.met ? 'met   ' : 'MISSED'} ${verdict.target}: ${verdict.measured}`);
  say(`written to ${path.relative(ROOT, file)}`);
}

runBenchmark({ name: 'bench-api', topicPrefix: BENCH_API.topicPrefix, tmpDir: BENCH_API.tmpDir, say }, main);
