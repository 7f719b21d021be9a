/**
 * `pnpm bench:streams`: the stream engine against Apache Kafka Streams and the
 * raw KafkaJS ceiling, on the same broker in the same run, plus the PostgreSQL
 * view sink against COPY and the changelog restore. Prints a table and writes
 * bench/results/streams-<date>.md and .json. Not a test; never run by npm test.
 */

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { internalTopicName } from '@billstream/contracts';
import pg from 'pg';
import { benchDbUrl, clearRedis, dropSumTotals, pgViewCount, preflight, setupDatabase } from './benchStores.ts';
import { BENCH, ROOT } from './config.ts';
import { drain, profileRun, restoreBench, SEED, say, startEngineReady, type Topics, topicsOf } from './engineRuns.ts';
import { cleanupKafka, createTopics, endOffsetsTotal, produceEvents } from './kafka.ts';
import { measureLatency } from './latency.ts';
import {
  buildJava,
  cpuSeconds,
  engineMetrics,
  killAll,
  metricSum,
  type Proc,
  startKafkaStreams,
  startPassthrough,
  waitFor,
} from './procs.ts';
import {
  type EngineStats,
  markdown,
  type Results,
  type RoundResult,
  type SystemKey,
  type SystemResult,
  type ThroughputResult,
  verdicts,
  verdictTable,
} from './report.ts';
import { benchSink } from './sink.ts';

const P = BENCH.prefix;
const ksViewTopic = (topics: Topics) => internalTopicName(`${topics.prefix}sums`, 'view', 'sum_totals');

interface Started {
  readonly proc: Proc;
  readonly readyAt: number;
  /** The engine's /metrics text (engine only). */
  readonly metrics?: () => Promise<string>;
}

interface SystemDef {
  readonly key: SystemKey;
  readonly label: string;
  readonly topic: string;
  readonly groupId: (topics: Topics) => string;
  readonly start: (topics: Topics, round: number) => Promise<Started>;
}

const SYSTEMS: readonly SystemDef[] = [
  {
    key: 'engine',
    label: 'Billstream engine (sums app)',
    topic: 'engine',
    groupId: (topics) => `${topics.prefix}sums`,
    start: async (topics, round) => {
      // Fresh views: Redis versions and PostgreSQL rows of an earlier round would make this one cheaper.
      await clearRedis();
      await dropSumTotals();
      const { proc, readyAt, port } = await startEngineReady(`engine-r${round}`, topics.prefix);
      return { proc, readyAt, metrics: () => engineMetrics(port) };
    },
  },
  {
    key: 'kafkaStreams',
    label: 'Kafka Streams 4.1.1',
    topic: 'kstreams',
    groupId: (topics) => `${topics.prefix}sums`,
    start: async (topics, round) => {
      const proc = startKafkaStreams(`kstreams-r${round}`, {
        INPUT_TOPIC: topics.input,
        OUTPUT_TOPIC: topics.output,
        VIEW_TOPIC: ksViewTopic(topics),
        APPLICATION_ID: `${topics.prefix}sums`,
        STATE_DIR: path.join(BENCH.tmpDir, `kstreams-state-r${round}`),
      });
      return { proc, readyAt: await proc.waitForLine(/^STATE RUNNING/, BENCH.limits.readyMs) };
    },
  },
  ...(['eos', 'plain'] as const).map(
    (mode): SystemDef => ({
      key: mode === 'eos' ? 'ceilingEos' : 'ceilingPlain',
      label: `KafkaJS pass-through, ${mode === 'eos' ? 'transactional' : 'non-transactional'}`,
      topic: `ceil${mode}`,
      groupId: (topics) => `${topics.prefix}passthrough`,
      start: async (topics, round) => {
        const proc = startPassthrough(`ceiling-${mode}-r${round}`, {
          INPUT_TOPIC: topics.input,
          OUTPUT_TOPIC: topics.output,
          GROUP_ID: `${topics.prefix}passthrough`,
          MODE: mode,
        });
        return { proc, readyAt: await proc.waitForLine(/^READY/, BENCH.limits.readyMs) };
      },
    }),
  ),
];

const roundTopics = (system: SystemDef, round: number) => topicsOf(`${system.topic}${round}`);

/** Commits, commit and processing seconds from the engine's metrics. */
async function engineCounters(metrics: () => Promise<string>) {
  const text = await metrics();
  return {
    commits: metricSum(text, 'streams_commits_total').sum,
    commitSec: metricSum(text, 'streams_commit_seconds_sum').sum,
    processSec: metricSum(text, 'streams_process_seconds_sum').sum,
    dlq: metricSum(text, 'streams_dlq_records_total').sum,
  };
}

type Counters = Awaited<ReturnType<typeof engineCounters>>;
const engineStats = (before: Counters, after: Counters, cpuSec: number, wallMs: number): EngineStats => ({
  wallSec: wallMs / 1000,
  cpuUtil: cpuSec / (wallMs / 1000),
  commits: after.commits - before.commits,
  commitMsMean: ((after.commitSec - before.commitSec) * 1000) / Math.max(1, after.commits - before.commits),
  processSec: after.processSec - before.processSec,
});

/** One round of one system: throughput over the pre-produced input, then latency on the same instance. */
async function runRound(system: SystemDef, round: number): Promise<RoundResult> {
  const topics = roundTopics(system, round);
  const groupId = system.groupId(topics);
  const name = `${system.label} [round ${round}]`;
  say(`${name}: starting`);
  const { proc, readyAt, metrics } = await system.start(topics, round);
  try {
    const zero: Counters = { commits: 0, commitSec: 0, processSec: 0, dlq: 0 };
    const drained = await drain(proc, groupId, topics.input, BENCH.events, readyAt);
    const afterDrain = metrics ? await engineCounters(metrics) : null;
    // Sanity: records that failed to parse would make a fast but meaningless number.
    if ((await endOffsetsTotal(topics.output)) === 0) throw new Error(`${name} wrote nothing to ${topics.output}`);
    if (afterDrain && afterDrain.dlq > 0)
      throw new Error(`${name} dead-lettered ${afterDrain.dlq} records (schema drift?): ${proc.tail(5)}`);
    say(`${name}: ${Math.round(drained.eventsPerSec)} events/s (${(drained.drainMs / 1000).toFixed(1)} s)`);
    let pgViewCaughtUpMs: number | undefined;
    if (metrics) {
      const pool = new pg.Pool({ connectionString: benchDbUrl, max: 1 });
      const caughtUp = await waitFor('the PostgreSQL view to catch up', BENCH.limits.drainMs, async () =>
        (await pgViewCount(pool)) >= BENCH.events ? performance.now() : null,
      )
        .catch(() => Number.NaN)
        .finally(() => pool.end());
      pgViewCaughtUpMs = caughtUp - readyAt;
    }
    const throughput: ThroughputResult = {
      events: BENCH.events,
      eventsPerSec: drained.eventsPerSec,
      startupMs: readyAt - proc.spawnedAt,
      drainMs: drained.drainMs,
      cpuSec: drained.cpuSec,
      rssMiB: drained.rssMiB,
      peakRssMiB: drained.peakMiB,
      ...(pgViewCaughtUpMs !== undefined ? { pgViewCaughtUpMs } : {}),
    };
    say(`${name}: latency at ${BENCH.latencyRate} events/s for ${BENCH.latencyMs / 1000} s`);
    const beforeLatency = metrics ? await engineCounters(metrics) : null;
    const cpuBefore = cpuSeconds(proc.pid);
    const latencyStarted = performance.now();
    const latency = await measureLatency({
      label: `${system.topic}${round}`,
      inputTopic: topics.input,
      outputTopic: topics.output,
      groupId,
      seed: SEED + 1,
    });
    const latencyCpu = cpuSeconds(proc.pid) - cpuBefore;
    const latencyWallMs = performance.now() - latencyStarted;
    say(`${name}: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms (${latency.samples} samples)`);
    const engine =
      metrics && afterDrain && beforeLatency
        ? {
            drain: engineStats(zero, afterDrain, drained.cpuSec, drained.drainMs),
            latency: engineStats(beforeLatency, await engineCounters(metrics), latencyCpu, latencyWallMs),
          }
        : undefined;
    return {
      round,
      throughput,
      latency,
      latencyCpuUtil: latencyCpu / (latencyWallMs / 1000),
      ...(engine ? { engine } : {}),
    };
  } catch (error) {
    say(`${name} failed; last log lines (${proc.logFile}):\n${proc.tail(30)}`);
    throw error;
  } finally {
    await proc.stop();
  }
}

/** The best round of each measure (noise on a shared machine only ever slows a run down). */
function summarize(system: SystemDef, rounds: RoundResult[]): SystemResult {
  const best = rounds.reduce((a, b) => (b.throughput.eventsPerSec > a.throughput.eventsPerSec ? b : a));
  const bestLatency = rounds.reduce((a, b) => (b.latency.p99Ms < a.latency.p99Ms ? b : a));
  return {
    label: system.label,
    description: system.topic,
    throughput: { ...best.throughput, rssMiB: Math.max(...rounds.map((round) => round.throughput.rssMiB)) },
    latency: bestLatency.latency,
    rounds,
  };
}

async function cleanup(ok: boolean): Promise<void> {
  killAll();
  const problems = await cleanupKafka();
  for (const problem of problems) say(`cleanup: ${problem}`);
  await clearRedis().catch((error) => say(`cleanup: redis ${error.message}`));
  const admin = new pg.Client({ connectionString: BENCH.adminDatabaseUrl });
  await admin
    .connect()
    .then(() => admin.query(`DROP DATABASE IF EXISTS ${BENCH.database} WITH (FORCE)`))
    .catch((error) => say(`cleanup: postgres ${error.message}`))
    .finally(() => admin.end().catch(() => {}));
  if (ok) fs.rmSync(BENCH.tmpDir, { recursive: true, force: true });
  else say(`logs kept in ${BENCH.tmpDir}`);
}

function environment(): Record<string, string | number> {
  const brokerVersion = fs.existsSync(path.join(ROOT, '.cache', 'kafka'))
    ? fs
        .readdirSync(path.join(ROOT, '.cache', 'kafka'))
        .filter((name) => /^\d/.test(name))
        .join(', ')
    : 'unknown';
  let java = 'unknown';
  try {
    java = execFileSync('sh', ['-c', 'java -version 2>&1 | head -1'], { encoding: 'utf8' }).trim();
  } catch {}
  return {
    Machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, shared with other engineers' test runs`,
    Node: process.version,
    Java: java,
    'Kafka broker': `${BENCH.brokers.join(',')} (local single broker${brokerVersion !== 'unknown' ? `, ${brokerVersion}` : ''})`,
    Input: `${BENCH.partitions} partitions, ${BENCH.keys.toLocaleString('en-US')} keys, ~${BENCH.eventBytes}-byte JSON AmountPosted events, same deterministic sequence for every system`,
    Engine: `streams/src/apps/sums (cli.ts run sums), STREAMS_GUARANTEE=exactly_once, commit interval ${BENCH.commitIntervalMs} ms, one Node process (also running its PostgreSQL + Redis view sinks)`,
    'Kafka Streams': `4.1.1 (bench/java), processing.guarantee=exactly_once_v2, commit.interval.ms=${BENCH.commitIntervalMs}, 1 stream thread, RocksDB store with the default 10 MiB record cache, JVM defaults; writes the output topic and a view topic like the engine`,
    Ceiling: `bench/streams/passthrough.ts: KafkaJS consume -> produce, no parsing, per-partition transactional producers + sendOffsets every ${BENCH.commitIntervalMs} ms (and a non-transactional idempotent variant)`,
  };
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const t0 = performance.now();
  let ok = false;
  process.on('SIGINT', () => {
    say('interrupted: cleaning up');
    void cleanup(false).finally(() => process.exit(130));
  });
  try {
    await preflight();
    say(`prefix ${P}; building bench/java (Kafka Streams 4.1.1)`);
    buildJava();
    await setupDatabase();
    await clearRedis();

    const rounds = Array.from({ length: BENCH.rounds }, (_, index) => index + 1);
    const all = rounds.flatMap((round) => SYSTEMS.map((system) => roundTopics(system, round)));
    const ksViews = rounds.map((round) => ksViewTopic(roundTopics(SYSTEMS[1]!, round)));
    await createTopics(
      all.flatMap((topics) => [topics.input, topics.output]),
      ksViews,
    );
    let produceMs = 0;
    for (const topics of all) {
      say(`producing ${BENCH.events} events to ${topics.input}`);
      produceMs += (await produceEvents(topics.input, BENCH.events, SEED)).ms;
      const end = await endOffsetsTotal(topics.input);
      if (end !== BENCH.events) throw new Error(`${topics.input} holds ${end} records, expected ${BENCH.events}`);
    }

    say('PostgreSQL view sink vs COPY');
    const sink = await benchSink(benchDbUrl);
    say(`sink ${Math.round(sink.sinkInsertRowsPerSec)} rows/s, COPY ${Math.round(sink.copyRowsPerSec)} rows/s`);

    // Alternate the order between rounds so a slow spell of the shared machine hits everyone.
    const byKey = new Map<SystemKey, RoundResult[]>(SYSTEMS.map((system) => [system.key, []]));
    for (const round of rounds) {
      const order = round % 2 === 1 ? SYSTEMS : [...SYSTEMS].reverse();
      for (const system of order) byKey.get(system.key)!.push(await runRound(system, round));
    }
    const systems = Object.fromEntries(
      SYSTEMS.map((system) => [system.key, summarize(system, byKey.get(system.key)!)]),
    ) as Record<SystemKey, SystemResult>;

    const restore = await restoreBench();
    say(`restore ${(restore.restoreMs / 1000).toFixed(2)} s, RSS ${Math.round(restore.rssSettledMiB)} MiB`);

    const base = {
      date: startedAt.toISOString().slice(0, 10),
      startedAt: startedAt.toISOString(),
      durationS: 0,
      environment: environment(),
      produce: { events: BENCH.events, eventsPerSec: (BENCH.events * all.length * 1000) / produceMs },
      systems,
      sink,
      restore,
    };
    const rows = verdicts(base);
    const short = rows.some((row) => row.target && !row.met);
    const profile = BENCH.profile === '1' || (BENCH.profile === 'auto' && short) ? await profileRun() : null;
    const results: Results = {
      ...base,
      durationS: (performance.now() - t0) / 1000,
      verdicts: rows,
      profile,
      notes: [
        'Kafka Streams forwards aggregate updates through its record cache (flushed on commit), so it writes fewer output records than the engine, which emits every update; throughput counts input events for every system.',
        'The engine process also consumes its view topic and writes PostgreSQL and Redis (view sinks) while it processes; Kafka Streams has no equivalent and only writes the view topic.',
        'The ceiling moves bytes (no JSON, no state, no changelog, one output record per input); the engine writes output + changelog + view records per commit.',
        'Numbers are the best of the rounds on a 2-core machine shared with other test runs (every round is listed); rerun before drawing conclusions from a small difference.',
      ],
    };
    fs.mkdirSync(BENCH.resultsDir, { recursive: true });
    const base_ = path.join(BENCH.resultsDir, `streams-${results.date}`);
    fs.writeFileSync(`${base_}.json`, `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(`${base_}.md`, markdown(results));
    process.stdout.write(`\n${verdictTable(rows)}\n\n`);
    say(`wrote ${path.relative(ROOT, base_)}.md and .json`);
    ok = true;
    return 0;
  } catch (error) {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    say('cleaning up topics, groups, bench database and Redis keys');
    await cleanup(ok);
  }
}

/** `run.ts --render <results.json>`: rewrites the .md next to it from the JSON (after a report format change). */
if (process.argv[2] === '--render') {
  const file = path.resolve(process.argv[3] ?? '');
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  fs.writeFileSync(file.replace(/\.json$/, '.md'), markdown(results));
  process.stdout.write(`${verdictTable(results.verdicts)}\n`);
} else {
  main().then((code) => process.exit(code));
}
