import { describe, expect, it } from 'vitest';
import { processorEndpoints } from './processorEndpoints';
import { instanceOf, processorStatuses } from './processorStatus';
import { parsePrometheusText } from './prometheusText';
import { parseSupervisedRestarts } from './supervisedRestarts';

const TEXT = `# HELP streams_records_in_total Records consumed per topic
# TYPE streams_records_in_total counter
streams_records_in_total{topic="t.billing-events"} 120
streams_records_in_total{topic="t.transaction-events"} 30
streams_consumer_lag{topic="t.billing-events",partition="1"} 4
streams_consumer_lag{topic="t.billing-events",partition="0"} 2
streams_dlq_records_total 3
streams_last_commit_timestamp_seconds 1764100000.5
streams_assigned_tasks 6
streams_commit_seconds_bucket{le="0.1"} 5
`;

describe('monitoring', () => {
  it('parses Prometheus text with labels and skips comments', () => {
    const samples = parsePrometheusText(TEXT);
    expect(samples).toHaveLength(8);
    expect(samples[0]).toEqual({ name: 'streams_records_in_total', labels: { topic: 't.billing-events' }, value: 120 });
    expect(samples[7]!.labels).toEqual({ le: '0.1' });
  });

  it('summarizes an instance, and its throughput from the previous look', () => {
    const samples = parsePrometheusText(TEXT);
    const firstLook = instanceOf('http://x:1', samples, true, 1_000);
    expect(firstLook).toMatchObject({
      state: 'running',
      recordsIn: 150,
      throughputPerSecond: null,
      dlqRecords: 3,
      assignedTasks: 6,
      lastCommitAt: '2025-11-25T19:46:40.500Z',
    });
    expect(firstLook.lag).toEqual([
      { topic: 't.billing-events', partition: 0, lag: 2 },
      { topic: 't.billing-events', partition: 1, lag: 4 },
    ]);
    const later = parsePrometheusText(TEXT.replace('} 120', '} 220'));
    expect(instanceOf('http://x:1', later, false, 3_000)).toMatchObject({
      state: 'restoring',
      throughputPerSecond: 50,
    });
  });

  it('finds the processors from STREAMS_METRICS_URLS or the port variables', () => {
    expect(processorEndpoints({ LEDGER_PORT: '9002', ANALYTICS_PORT: '19604' })).toEqual([
      { app: 'ledger', url: 'http://127.0.0.1:9002' },
      { app: 'analytics', url: 'http://127.0.0.1:19604' },
    ]);
    expect(
      processorEndpoints({ LEDGER_PORT: '1', STREAMS_METRICS_URLS: 'ledger=http://a:1/, ledger=http://b:1,bad' }),
    ).toEqual([
      { app: 'ledger', url: 'http://a:1' },
      { app: 'ledger', url: 'http://b:1' },
    ]);
  });

  it("reads the supervisor's restarts per app and leaves out malformed ones", () => {
    const restarts = parseSupervisedRestarts({
      ledger: JSON.stringify({ restarts: 2, lastRestartAt: '2026-12-04T16:00:00.000Z', gaveUp: false }),
      billing: JSON.stringify({ restarts: -1, lastRestartAt: null, gaveUp: false }),
      payments: 'not json',
    });
    expect([...restarts.entries()]).toEqual([
      ['ledger', { restarts: 2, lastRestartAt: '2026-12-04T16:00:00.000Z', gaveUp: false }],
    ]);
  });

  it('shows each app with its restarts, and none where nothing recorded them', async () => {
    // Port 1 refuses connections at once: both apps are down, which is beside the point here.
    const endpoints = [
      { app: 'ledger', url: 'http://127.0.0.1:1' },
      { app: 'billing', url: 'http://127.0.0.1:1' },
    ];
    const restart = { restarts: 1, lastRestartAt: '2026-12-04T16:00:00.000Z', gaveUp: true };
    const statuses = await processorStatuses(endpoints, new Map([['ledger', restart]]));
    expect(statuses.map((status) => [status.app, status.supervisor])).toEqual([
      ['ledger', restart],
      ['billing', null],
    ]);
  });
});
