/** One sample of the Prometheus text exposition: name, labels, value. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Lines one /metrics answer may have; a processor exposes a few hundred. */
export const METRIC_LINES_MAX = 50_000;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses Prometheus text format 0.0.4; comments and malformed lines are skipped. */
export function parsePrometheusText(text: string): Sample[] {
  const lines = text.split('\n');
  if (lines.length > METRIC_LINES_MAX) throw new Error(`metrics have over METRIC_LINES_MAX lines`);
  const samples: Sample[] = [];
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line.trim());
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(LABEL)) labels[label[1]!] = label[2]!.replace(/\\(.)/g, '$1');
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

export function sum(samples: readonly Sample[], name: string): number {
  return samples.filter((sample) => sample.name === name).reduce((total, sample) => total + sample.value, 0);
}

export function first(samples: readonly Sample[], name: string): number | null {
  return samples.find((sample) => sample.name === name)?.value ?? null;
}
