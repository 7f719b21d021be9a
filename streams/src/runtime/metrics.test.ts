import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.ts';

describe('Metrics', () => {
  it('renders counters, gauges and cumulative histograms in Prometheus text format', () => {
    const metrics = new Metrics();
    metrics.define('records_total', 'counter', 'Records');
    metrics.define('lag', 'gauge', 'Lag');
    metrics.define('commit_seconds', 'histogram', 'Commit latency');
    metrics.inc('records_total', { topic: 'a' }, 3);
    metrics.set('lag', { partition: 1 }, 7);
    metrics.observe('commit_seconds', {}, 0.004);
    metrics.observe('commit_seconds', {}, 0.2);
    const text = metrics.render();
    expect(text).toContain('records_total{topic="a"} 3');
    expect(text).toContain('lag{partition="1"} 7');
    expect(text).toContain('commit_seconds_bucket{le="0.001"} 0');
    expect(text).toContain('commit_seconds_bucket{le="0.005"} 1');
    expect(text).toContain('commit_seconds_bucket{le="0.25"} 2');
    expect(text).toContain('commit_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain('commit_seconds_count 2');
  });

  it('refuses undefined metrics, wrong kinds and negative observations', () => {
    const metrics = new Metrics();
    metrics.define('h', 'histogram', 'h');
    expect(() => metrics.inc('missing')).toThrow(/not defined/);
    expect(() => metrics.inc('h')).toThrow(/histogram/);
    expect(() => metrics.observe('h', {}, -1)).toThrow();
  });
});
