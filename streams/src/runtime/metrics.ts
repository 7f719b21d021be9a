/** A minimal Prometheus registry: counters and gauges with labels, text exposition. */
type Labels = Record<string, string | number>;

interface Series {
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly values: Map<string, number>;
}

const SERIES_LABEL_SETS_MAX = 10_000;

export class Metrics {
  private readonly series = new Map<string, Series>();

  define(name: string, type: 'counter' | 'gauge', help: string): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
    if (!this.series.has(name)) this.series.set(name, { help, type, values: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const entry = this.entry(name, labels);
    entry.series.values.set(entry.key, (entry.series.values.get(entry.key) ?? 0) + by);
  }

  set(name: string, labels: Labels, value: number): void {
    const entry = this.entry(name, labels);
    entry.series.values.set(entry.key, value);
  }

  private entry(name: string, labels: Labels): { series: Series; key: string } {
    const series = this.series.get(name);
    if (!series) throw new Error(`metric ${name} is not defined`);
    const key = Object.entries(labels)
      .map(([label, value]) => `${label}="${String(value).replace(/"/g, '\\"')}"`)
      .join(',');
    if (!series.values.has(key) && series.values.size >= SERIES_LABEL_SETS_MAX)
      throw new Error(`too many label sets for ${name}`);
    return { series, key };
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.series) {
      lines.push(`# HELP ${name} ${series.help}`, `# TYPE ${name} ${series.type}`);
      for (const [key, value] of series.values) lines.push(key ? `${name}{${key}} ${value}` : `${name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
