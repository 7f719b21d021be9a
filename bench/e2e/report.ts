import { TARGETS } from './config.ts';
import type { LargeResult } from './large.ts';
import type { LoadTally } from './load.ts';
import type { PeerResult } from './peer.ts';
import { type Distribution, distribution } from './stats.ts';
import type { CommandKind } from './visibility.ts';

export interface E2eResults {
  readonly date: string;
  readonly setup: Record<string, string>;
  readonly offeredPerSec: number;
  readonly tally: LoadTally;
  /** Accepted commands per second over the measured window. */
  readonly acceptedPerSec: number;
  /** POST → view visible, all kinds and per kind. */
  readonly visible: Distribution;
  readonly visibleByKind: Record<CommandKind, Distribution>;
  readonly accept: Distribution;
  /** Accepted commands whose view never showed them within the drain time. */
  readonly missing: number;
  readonly peer: PeerResult;
  readonly large: LargeResult;
  readonly notes: readonly string[];
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

export function verdicts(results: E2eResults): { target: string; measured: string; met: boolean }[] {
  return [
    {
      target: `sustain ${TARGETS.ratePerSec} commands/s`,
      measured: `${f0(results.acceptedPerSec)} accepted/s`,
      met: results.acceptedPerSec >= TARGETS.ratePerSec * 0.99,
    },
    {
      target: `POST → view visible p99 < ${TARGETS.p99Ms} ms`,
      measured: `${f0(results.visible.p99Ms)} ms`,
      met: results.visible.p99Ms < TARGETS.p99Ms && results.missing === 0,
    },
    {
      target: `1,000-line invoices ≥ ${TARGETS.linesPerSec} lines/s`,
      measured: `${f0(results.large.linesPerSec)} lines/s`,
      met: results.large.linesPerSec >= TARGETS.linesPerSec,
    },
  ];
}

function row(label: string, d: Distribution): string {
  return `| ${label} | ${d.count} | ${f0(d.p50Ms)} | ${f0(d.p99Ms)} | ${f0(d.maxMs)} |`;
}

export function markdown(results: E2eResults): string {
  const { tally, large, peer } = results;
  const refused =
    Object.entries(tally.refused)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ') || 'none';
  return [
    `# End-to-end benchmark ${results.date}: POST command → view visible`,
    '',
    'Produced by `pnpm bench:e2e` (bench/e2e/run.ts). Not a test.',
    '',
    '## Setup',
    '',
    ...Object.entries(results.setup).map(([key, value]) => `- ${key}: ${value}`),
    '',
    '## Sustained mix (70 % transactions, 20 % ten-line invoices, 10 % card payments)',
    '',
    `Offered ${f0(results.offeredPerSec)} commands/s for ${f0(tally.elapsedMs / 1000)} s: ${tally.offered} sent, ${tally.notOffered} not offered (in-flight limit reached), accepted ${tally.accepted.transaction} transactions, ${tally.accepted.invoice} invoices, ${tally.accepted.payment} payments (**${f0(results.acceptedPerSec)} accepted/s**); refused: ${refused}; never visible within the drain time: ${results.missing}.`,
    '',
    '| latency | commands | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    row('POST → view visible, all', results.visible),
    row('— transactions (completed in `transactions`)', results.visibleByKind.transaction),
    row('— invoices (issued in `invoices`)', results.visibleByKind.invoice),
    row('— payments (final state in `payments`)', results.visibleByKind.payment),
    row('POST → 202 Accepted', results.accept),
    row(`peer: Kafka produce (acks=all) → consume, ${f0(peer.offeredPerSec)} records/s`, peer),
    '',
    `Ratio of p99, end to end / Kafka peer: **${f2(results.visible.p99Ms / peer.p99Ms)}×**`,
    '',
    '## Large invoices',
    '',
    `${large.invoices} invoices of ${large.linesPerInvoice} lines posted together: ${large.visible} issued with all their lines in ${f0(large.elapsedMs)} ms, **${f0(large.linesPerSec)} lines/s**; POST → 202 of one 1,000-line body p50 ${f0(distribution(large.acceptMs).p50Ms)} ms.`,
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...verdicts(results).map((v) => `| ${v.target} | ${v.measured} | ${v.met ? 'yes' : '**no**'} |`),
    '',
    '## Notes',
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
