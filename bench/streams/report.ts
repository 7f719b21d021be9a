import { BENCH, TARGETS } from './config.ts';
import type { LatencyResult } from './latency.ts';
import type { ProfileSummary } from './profile.ts';
import type { SinkResult } from './sink.ts';

export interface ThroughputResult {
  readonly events: number;
  readonly eventsPerSec: number;
  /** Spawn to ready (/readyz, KafkaStreams RUNNING, first group join). */
  readonly startupMs: number;
  /** Ready to every input record committed. */
  readonly drainMs: number;
  /** CPU seconds of the process during the drain (user + system). */
  readonly cpuSec: number;
  readonly rssMiB: number;
  readonly peakRssMiB: number;
  /** Engine only: ready until the PostgreSQL view holds every event (sum of counts). */
  readonly pgViewCaughtUpMs?: number;
}

/** Where the engine's wall-clock time went, from its own metrics and /proc. */
export interface EngineStats {
  readonly wallSec: number;
  /** CPU seconds per wall second of the processor process (1.0 = one core busy). */
  readonly cpuUtil: number;
  readonly commits: number;
  /** Mean duration of one task commit (a Kafka transaction with exactly-once). */
  readonly commitMsMean: number;
  /** streams_process_seconds_sum (async, so overlapping across tasks: not CPU time). */
  readonly processSec: number;
}

export interface RoundResult {
  readonly round: number;
  readonly throughput: ThroughputResult;
  readonly latency: LatencyResult;
  readonly latencyCpuUtil: number;
  readonly engine?: { readonly drain: EngineStats; readonly latency: EngineStats };
}

export type SystemKey = 'engine' | 'kafkaStreams' | 'ceilingEos' | 'ceilingPlain';

export interface SystemResult {
  readonly label: string;
  readonly description: string;
  /** Best round's throughput (RSS: the highest of all rounds). */
  readonly throughput: ThroughputResult;
  /** Round with the lowest p99. */
  readonly latency: LatencyResult | null;
  readonly rounds: RoundResult[];
}

export interface RestoreResult {
  readonly keys: number;
  readonly restoredRecords: number;
  readonly tasks: number;
  readonly restoreMs: number;
  readonly readyMs: number;
  readonly restoreLogLines: number;
  readonly rssMiB: number;
  readonly rssSettledMiB: number;
  readonly peakRssMiB: number;
}

export interface Results {
  readonly date: string;
  readonly startedAt: string;
  readonly durationS: number;
  readonly environment: Record<string, string | number>;
  readonly produce: { events: number; eventsPerSec: number };
  readonly systems: Record<SystemKey, SystemResult>;
  readonly sink: SinkResult;
  readonly restore: RestoreResult;
  readonly verdicts: Verdict[];
  readonly profile: (ProfileSummary & { file: string; events: number; eventsPerSec: number }) | null;
  readonly notes: string[];
}

export interface Verdict {
  readonly measure: string;
  readonly ours: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: boolean;
}

const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (value: number) => `${fixed(value, 2)}x`;

export function verdicts(r: Omit<Results, 'verdicts' | 'profile' | 'notes'>): Verdict[] {
  const engine = r.systems.engine;
  const ks = r.systems.kafkaStreams;
  const ceiling = r.systems.ceilingEos;
  const plain = r.systems.ceilingPlain;
  const vsKs = engine.throughput.eventsPerSec / ks.throughput.eventsPerSec;
  const vsCeiling = engine.throughput.eventsPerSec / ceiling.throughput.eventsPerSec;
  const sinkVsCopy = r.sink.sinkInsertRowsPerSec / r.sink.copyRowsPerSec;
  const lat = (result: LatencyResult | null) => (result ? `${int(result.p50Ms)} / ${int(result.p99Ms)}` : 'n/a');
  return [
    {
      measure: 'Sum per key, exactly-once (events/s)',
      ours: int(engine.throughput.eventsPerSec),
      peer: '',
      ratio: '',
      target: `>= ${int(TARGETS.engineEventsPerSec)}`,
      met: engine.throughput.eventsPerSec >= TARGETS.engineEventsPerSec,
    },
    {
      measure: 'vs Kafka Streams 4.1.1, exactly_once_v2 (events/s)',
      ours: int(engine.throughput.eventsPerSec),
      peer: int(ks.throughput.eventsPerSec),
      ratio: ratio(vsKs),
      target: `>= ${fixed(TARGETS.vsKafkaStreams)}x`,
      met: vsKs >= TARGETS.vsKafkaStreams,
    },
    {
      measure: 'vs KafkaJS pass-through ceiling, transactional (events/s)',
      ours: int(engine.throughput.eventsPerSec),
      peer: int(ceiling.throughput.eventsPerSec),
      ratio: ratio(vsCeiling),
      target: `>= ${fixed(TARGETS.vsCeiling)}x`,
      met: vsCeiling >= TARGETS.vsCeiling,
    },
    {
      measure: 'vs KafkaJS pass-through, non-transactional (info)',
      ours: int(engine.throughput.eventsPerSec),
      peer: int(plain.throughput.eventsPerSec),
      ratio: ratio(engine.throughput.eventsPerSec / plain.throughput.eventsPerSec),
      target: '',
      met: true,
    },
    {
      measure: `Produce-to-output latency p50 / p99 at ${int(BENCH.latencyRate)} events/s (ms)`,
      ours: lat(engine.latency),
      peer: `${lat(ks.latency)} (KS)`,
      ratio: engine.latency && ks.latency ? `p99 ${ratio(engine.latency.p99Ms / ks.latency.p99Ms)}` : '',
      target: `p99 < ${TARGETS.p99Ms}`,
      met: engine.latency !== null && engine.latency.p99Ms < TARGETS.p99Ms,
    },
    {
      measure: `PostgreSQL view sink, applyPostgres (rows/s)`,
      ours: int(r.sink.sinkInsertRowsPerSec),
      peer: `${int(r.sink.copyRowsPerSec)} (COPY)`,
      ratio: ratio(sinkVsCopy),
      target: `>= ${int(TARGETS.sinkRowsPerSec)} and >= ${TARGETS.sinkVsCopy}x`,
      met: r.sink.sinkInsertRowsPerSec >= TARGETS.sinkRowsPerSec && sinkVsCopy >= TARGETS.sinkVsCopy,
    },
    {
      measure: `Restore ${int(r.restore.keys)} keys from the changelog (s)`,
      ours: fixed(r.restore.restoreMs / 1000, 2),
      peer: '',
      ratio: '',
      target: `< ${TARGETS.restoreMs / 1000}`,
      met: r.restore.restoreMs < TARGETS.restoreMs,
    },
    {
      measure: `Processor RSS with ${int(BENCH.keys)} keys (MiB)`,
      ours: `${int(r.restore.rssSettledMiB)} restored / ${int(engine.throughput.rssMiB)} after run`,
      peer: `${int(ks.throughput.rssMiB)} (KS JVM)`,
      ratio: '',
      target: `< ${TARGETS.rssMiB}`,
      met: Math.max(r.restore.rssSettledMiB, engine.throughput.rssMiB) < TARGETS.rssMiB,
    },
  ];
}

export function verdictTable(rows: readonly Verdict[]): string {
  const lines = [
    '| Measure | Billstream engine | Peer (same run) | Ratio | Target | Met |',
    '| --- | ---: | ---: | ---: | --- | :---: |',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.measure} | ${row.ours} | ${row.peer} | ${row.ratio} | ${row.target} | ${row.target ? (row.met ? 'yes' : '**no**') : ''} |`,
    );
  return lines.join('\n');
}

function systemTable(r: Results): string {
  const lines = [
    '| System | round | events/s | drain s | start-up s | CPU s | CPU util (drain) | RSS MiB | p50 ms | p99 ms | max ms | samples | offered/s | CPU util (latency) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const system of Object.values(r.systems)) {
    for (const round of system.rounds) {
      const t = round.throughput;
      const l = round.latency;
      lines.push(
        `| ${system.label} | ${round.round} | ${int(t.eventsPerSec)} | ${fixed(t.drainMs / 1000)} | ${fixed(t.startupMs / 1000)} | ${fixed(t.cpuSec)} | ${fixed((t.cpuSec * 1000) / t.drainMs, 2)} | ${int(t.rssMiB)} | ${int(l.p50Ms)} | ${int(l.p99Ms)} | ${int(l.maxMs)} | ${int(l.samples)} | ${int(l.offeredPerSec)} | ${fixed(round.latencyCpuUtil, 2)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** One sentence per phase of the engine's best round: CPU use vs waiting on commits. */
function wallClock(r: Results): string[] {
  const engine = r.systems.engine;
  const best = engine.rounds.find((round) => round.throughput.eventsPerSec === engine.throughput.eventsPerSec);
  if (!best?.engine) return [];
  const { drain, latency } = best.engine;
  return [
    '',
    `Wall clock (round ${best.round}, from the engine's metrics and /proc): while draining the backlog the process used ${fixed(drain.cpuUtil, 2)} of a core`,
    `for ${fixed(drain.wallSec, 1)} s and ${int(drain.commits)} task commits took ${fixed(drain.commitMsMean)} ms on average;`,
    `at ${int(BENCH.latencyRate)} events/s it used ${fixed(latency.cpuUtil, 2)} of a core and ${int(latency.commits)} commits took ${fixed(latency.commitMsMean)} ms on average.`,
    'A CPU use well under 1.0 means the single event loop was waiting (on commits / broker round trips), not computing.',
  ];
}

function engineTable(r: Results): string {
  const lines = [
    '| Round, phase | wall s | CPU util | commits | mean commit ms |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const round of r.systems.engine.rounds) {
    if (!round.engine) continue;
    const phases = [
      ['throughput', round.engine.drain],
      ['latency', round.engine.latency],
    ] as const;
    for (const [phase, stats] of phases)
      lines.push(
        `| ${round.round}, ${phase} | ${fixed(stats.wallSec)} | ${fixed(stats.cpuUtil, 2)} | ${int(stats.commits)} | ${fixed(stats.commitMsMean)} |`,
      );
  }
  return lines.join('\n');
}

export function markdown(r: Results): string {
  const s = r.sink;
  const out: string[] = [
    `# Stream engine benchmark — ${r.date}`,
    '',
    `Produced by \`pnpm bench:streams\` (bench/streams/run.ts) on ${r.startedAt}, ${int(r.durationS)} s.`,
    'Every peer figure comes from the same run against the same broker; the machine is shared, so',
    'read the ratios, not the absolute numbers.',
    '',
    verdictTable(r.verdicts),
    '',
    '## Setup',
    '',
    ...Object.entries(r.environment).map(([key, value]) => `- ${key}: ${value}`),
    '',
    '## Per system',
    '',
    `Every system ran ${r.systems.engine.rounds.length} round(s), the order reversed every other round; the table at the top uses each`,
    "system's best round (throughput: highest events/s, latency: lowest p99, RSS: highest).",
    `Throughput: ${int(r.produce.events)} pre-produced events per system and round (produced at ${int(r.produce.eventsPerSec)} events/s), timed from ready to`,
    "the processor's consumer group having committed the whole input (exactly-once: outputs are committed in the same",
    `transaction). Latency: ${int(BENCH.latencyRate)} events/s offered for ${BENCH.latencyMs / 1000} s to the same running instance`,
    `(${int(BENCH.keys)} keys of state), output topic read read_committed, latency = receipt time − sentAtMs (lastSentAtMs of the total),`,
    `first ${BENCH.latencyWarmupMs / 1000} s dropped. CPU s counts the processor process only, not the broker.`,
    '',
    systemTable(r),
    '',
    'Engine internals per round (CPU from /proc; commits from its /metrics: streams_commits_total, streams_commit_seconds_sum;',
    'commits run per task, up to 12 at once, so commit time can add up to more than the wall time):',
    '',
    engineTable(r),
    '',
    ...(r.systems.engine.throughput.pgViewCaughtUpMs !== undefined
      ? [
          `Engine view sinks: the PostgreSQL view \`sum_totals\` held all ${int(r.produce.events)} events ${fixed(
            r.systems.engine.throughput.pgViewCaughtUpMs / 1000,
          )} s after ready (the Kafka side finished after ${fixed(r.systems.engine.throughput.drainMs / 1000)} s).`,
          '',
        ]
      : []),
    '## PostgreSQL view sink',
    '',
    `${int(s.rows)} rows of \`sum_totals\` (the sums app's handler: one \`unnest\` upsert per batch) through the runtime's`,
    `\`applyPostgres\` in batches of ${int(s.batchRows)} (one transaction each, with the stream_offsets row), one connection,`,
    `median of ${s.repeats}:`,
    '',
    `- insert path (empty table): ${int(s.sinkInsertRowsPerSec)} rows/s`,
    `- update path (every key exists): ${int(s.sinkUpdateRowsPerSec)} rows/s`,
    `- \`COPY sum_totals (key, total, count) FROM STDIN\` (psql, its start-up subtracted), same table emptied: ${int(s.copyRowsPerSec)} rows/s`,
    '',
    '## Restore',
    '',
    `${int(r.restore.keys)} keys (one event each) processed, app stopped, one event per partition produced, app started again:`,
    `ready after ${fixed(r.restore.readyMs / 1000, 2)} s, all ${r.restore.tasks} tasks restored (${int(r.restore.restoredRecords)} changelog records,`,
    `streams_restored_records) ${fixed(r.restore.restoreMs / 1000, 2)} s after spawn; ${r.restore.restoreLogLines} "task restored" log lines.`,
    `RSS right after restore ${int(r.restore.rssMiB)} MiB, 3 s later ${int(r.restore.rssSettledMiB)} MiB, peak ${int(r.restore.peakRssMiB)} MiB.`,
    '',
  ];
  if (r.profile) {
    const p = r.profile;
    out.push(
      '## Where the time goes',
      '',
      `CPU profile (\`node --cpu-prof\`) of the sums app during a separate throughput run of ${int(p.events)} events`,
      `(${int(p.eventsPerSec)} events/s with the profiler on). ${fixed(p.totalMs / 1000)} s sampled, ${fixed(p.idleMs / 1000)} s idle;`,
      'shares are of the busy time (start-up and shutdown included). The process also runs the PostgreSQL and Redis view sinks.',
      `Top areas: ${p.areas
        .slice(0, 4)
        .map((row) => `${row.name} ${fixed(row.percent)}%`)
        .join(', ')}.`,
      `Profile file: \`${p.file}\` (git-ignored; open it in Chrome DevTools).`,
      ...wallClock(r),
      '',
      '| Area | self ms | share |',
      '| --- | ---: | ---: |',
      ...p.areas.map((row) => `| ${row.name} | ${int(row.selfMs)} | ${fixed(row.percent)}% |`),
      '',
      '| Function (top self time) | self ms | share |',
      '| --- | ---: | ---: |',
      ...p.functions.map(
        (row) => `| \`${row.name.replace(/\|/g, '\\|')}\` | ${int(row.selfMs)} | ${fixed(row.percent)}% |`,
      ),
      '',
    );
  }
  if (r.notes.length > 0) out.push('## Notes', '', ...r.notes.map((note) => `- ${note}`), '');
  return out.join('\n');
}
