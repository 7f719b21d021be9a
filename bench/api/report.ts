import type { ProfileSummary } from '../streams/profile.ts';
import { TARGETS } from './config.ts';
import type { WrkResult } from './wrk.ts';

export interface ServerRun extends WrkResult {
  /** CPU seconds the server process used per accepted request, ms. */
  readonly cpuMsPerRequest: number;
}

export interface ApiResults {
  readonly date: string;
  readonly setup: Record<string, string>;
  readonly web: ServerRun;
  readonly bare: ServerRun;
  readonly bareSingle: ServerRun;
  readonly profile?: ProfileSummary;
  readonly profileNote: string;
  readonly notes: readonly string[];
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

export function ratio(results: ApiResults): number {
  return results.bare.acceptedPerSec > 0 ? results.web.acceptedPerSec / results.bare.acceptedPerSec : 0;
}

export function verdicts(results: ApiResults): { target: string; measured: string; met: boolean }[] {
  const r = ratio(results);
  return [
    {
      target: `≥ ${TARGETS.acceptedPerSec} accepted req/s`,
      measured: f0(results.web.acceptedPerSec),
      met: results.web.acceptedPerSec >= TARGETS.acceptedPerSec,
    },
    {
      target: `p99 < ${TARGETS.p99Ms} ms`,
      measured: `${f1(results.web.p99Ms)} ms`,
      met: results.web.p99Ms < TARGETS.p99Ms,
    },
    { target: `≥ ${TARGETS.vsBare}× the bare handler`, measured: `${f2(r)}×`, met: r >= TARGETS.vsBare },
  ];
}

function runRow(name: string, run: ServerRun): string {
  return `| ${name} | ${f0(run.acceptedPerSec)} | ${f1(run.p50Ms)} | ${f1(run.p90Ms)} | ${f1(run.p99Ms)} | ${f1(run.maxMs)} | ${run.requests} | ${run.non2xx} | ${run.errors} | ${f2(run.cpuMsPerRequest)} |`;
}

function profileSection(results: ApiResults): string[] {
  const lines = ['## Where the time goes (web app, CPU profile)', '', results.profileNote, ''];
  const profile = results.profile;
  if (!profile) return lines;
  const busy = profile.totalMs - profile.idleMs;
  lines.push(
    `Sampled ${f0(profile.totalMs)} ms, of which ${f0(profile.idleMs)} ms idle (waiting on Kafka, PostgreSQL, Redis or the socket) and ${f0(busy)} ms on the CPU.`,
    '',
    '| area (self time) | ms | % of busy |',
    '|---|---:|---:|',
    ...profile.areas.map((row) => `| ${row.name} | ${f0(row.selfMs)} | ${f1(row.percent)} |`),
    '',
    '| function (self time) | ms | % of busy |',
    '|---|---:|---:|',
    ...profile.functions.map(
      (row) => `| \`${row.name.replace(/\|/g, '\\|')}\` | ${f0(row.selfMs)} | ${f1(row.percent)} |`,
    ),
    '',
  );
  return lines;
}

export function markdown(results: ApiResults): string {
  return [
    `# API benchmark ${results.date}: POST /api/v1/transactions`,
    '',
    'Produced by `pnpm bench:api` (bench/api/run.ts). Not a test.',
    '',
    '## Setup',
    '',
    ...Object.entries(results.setup).map(([key, value]) => `- ${key}: ${value}`),
    '',
    '## Results',
    '',
    '| server | accepted req/s | p50 ms | p90 ms | p99 ms | max ms | requests | non-2xx | socket errors | server CPU ms/request |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    runRow('web app (Nuxt/Nitro, full gateway)', results.web),
    runRow('bare node:http handler', results.bare),
    runRow('bare handler, one produce request per record (info)', results.bareSingle),
    '',
    `Ratio web / bare: **${f2(ratio(results))}×**`,
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...verdicts(results).map((v) => `| ${v.target} | ${v.measured} | ${v.met ? 'yes' : '**no**'} |`),
    '',
    ...profileSection(results),
    '## Notes',
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
