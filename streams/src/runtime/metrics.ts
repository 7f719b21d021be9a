/** A minimal Prometheus registry: counters, gauges and histograms with labels, text exposition. */
type Labels = Record<string, string | number>;
type MetricType = 'counter' | 'gauge' | 'histogram';

interface Series {
  readonly help: string;
  readonly type: MetricType;
  readonly values: Map<string, number>;
  /** Histograms: per label set, cumulative bucket counts, then sum and count. */
  readonly histograms: Map<string, { buckets: number[]; sum: number; count: number }>;
}

const SERIES_LABEL_SETS_MAX = 10_000;
/** Latency buckets in seconds, from 1 ms (a fast batch) to 10 s (a restore or an outage). */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function labelKey(labels: Labels): string {
  return Object.entries(labels)
    .map(([label, value]) => `${label}="${String(value).replace(/"/g, '\\"')}"`)
    .join(',');
}

export class Metrics {
  private readonly series = new Map<string, Series>();

  define(name: string, type: MetricType, help: string): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
    if (!this.series.has(name)) this.series.set(name, { help, type, values: new Map(), histograms: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const entry = this.entry(name, labels, 'counter');
    entry.series.values.set(entry.key, (entry.series.values.get(entry.key) ?? 0) + by);
  }

  set(name: string, labels: Labels, value: number): void {
    const entry = this.entry(name, labels, 'gauge');
    entry.series.values.set(entry.key, value);
  }

  observe(name: string, labels: Labels, value: number): void {
    if (!Number.isFinite(value) || value < 0) throw new Error(`histogram ${name} observed ${value}`);
    const entry = this.entry(name, labels, 'histogram');
    let histogram = entry.series.histograms.get(entry.key);
    if (!histogram) {
      histogram = { buckets: LATENCY_BUCKETS_SECONDS.map(() => 0), sum: 0, count: 0 };
      entry.series.histograms.set(entry.key, histogram);
    }
    LATENCY_BUCKETS_SECONDS.forEach((bound, index) => {
      if (value <= bound) histogram.buckets[index]! += 1;
    });
    histogram.sum += value;
    histogram.count += 1;
  }

  /** Current value of a counter or gauge (tests and the monitoring page). */
  value(name: string, labels: Labels = {}): number {
    return this.series.get(name)?.values.get(labelKey(labels)) ?? 0;
  }

  private entry(name: string, labels: Labels, use: MetricType): { series: Series; key: string } {
    const series = this.series.get(name);
    if (!series) throw new Error(`metric ${name} is not defined`);
    if ((use === 'histogram') !== (series.type === 'histogram')) throw new Error(`metric ${name} is a ${series.type}`);
    const key = labelKey(labels);
    const size = series.type === 'histogram' ? series.histograms.size : series.values.size;
    const known = series.type === 'histogram' ? series.histograms.has(key) : series.values.has(key);
    if (!known && size >= SERIES_LABEL_SETS_MAX) throw new Error(`too many label sets for ${name}`);
    return { series, key };
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.series) {
      lines.push(`# HELP ${name} ${series.help}`, `# TYPE ${name} ${series.type}`);
      for (const [key, value] of series.values) lines.push(key ? `${name}{${key}} ${value}` : `${name} ${value}`);
      for (const [key, histogram] of series.histograms) {
        const prefix = key ? `${key},` : '';
        LATENCY_BUCKETS_SECONDS.forEach((bound, index) => {
          lines.push(`${name}_bucket{${prefix}le="${bound}"} ${histogram.buckets[index]}`);
        });
        lines.push(`${name}_bucket{${prefix}le="+Inf"} ${histogram.count}`);
        lines.push(key ? `${name}_sum{${key}} ${histogram.sum}` : `${name}_sum ${histogram.sum}`);
        lines.push(key ? `${name}_count{${key}} ${histogram.count}` : `${name}_count ${histogram.count}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
