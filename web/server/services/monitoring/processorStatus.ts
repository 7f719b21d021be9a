import type { SupervisedRestarts } from '@billstream/contracts';
import type { InstanceStatus, ProcessorStatus } from '../../../shared/types/monitoring';
import type { ProcessorEndpoint } from './processorEndpoints';
import { first, parsePrometheusText, type Sample, sum } from './prometheusText';

/** How long the monitoring page waits for one processor. */
export const SCRAPE_TIMEOUT_MS = 2_000;

/** The previous look at each instance, for throughput (one web process, in memory). */
const previous = new Map<string, { atMs: number; recordsIn: number }>();

export function instanceOf(url: string, samples: readonly Sample[], ready: boolean, nowMs: number): InstanceStatus {
  const recordsIn = sum(samples, 'streams_records_in_total');
  const before = previous.get(url);
  previous.set(url, { atMs: nowMs, recordsIn });
  const elapsedS = before ? (nowMs - before.atMs) / 1000 : 0;
  const lastCommitS = first(samples, 'streams_last_commit_timestamp_seconds');
  return {
    url,
    state: ready ? 'running' : 'restoring',
    recordsIn,
    throughputPerSecond:
      before && elapsedS > 0 ? Math.max(0, Math.round(((recordsIn - before.recordsIn) / elapsedS) * 10) / 10) : null,
    lag: samples
      .filter((sample) => sample.name === 'streams_consumer_lag')
      .map((sample) => ({
        topic: sample.labels.topic ?? '',
        partition: Number(sample.labels.partition ?? 0),
        lag: sample.value,
      }))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
    dlqRecords: sum(samples, 'streams_dlq_records_total'),
    lastCommitAt: lastCommitS ? new Date(lastCommitS * 1000).toISOString() : null,
    assignedTasks: sum(samples, 'streams_assigned_tasks'),
    restoredRecords: sum(samples, 'streams_restored_records'),
    commits: sum(samples, 'streams_commits_total'),
    restarts: sum(samples, 'streams_restarts_total'),
    error: null,
  };
}

function down(url: string, error: unknown): InstanceStatus {
  return {
    url,
    state: 'down',
    recordsIn: 0,
    throughputPerSecond: null,
    lag: [],
    dlqRecords: 0,
    lastCommitAt: null,
    assignedTasks: 0,
    restoredRecords: 0,
    commits: 0,
    restarts: 0,
    error: error instanceof Error ? error.message : String(error),
  };
}

async function scrape(url: string): Promise<InstanceStatus> {
  try {
    const signal = AbortSignal.timeout(SCRAPE_TIMEOUT_MS);
    const [metrics, ready] = await Promise.all([
      fetch(`${url}/metrics`, { signal }),
      fetch(`${url}/readyz`, { signal }),
    ]);
    if (!metrics.ok) return down(url, `/metrics answered ${metrics.status}`);
    return instanceOf(url, parsePrometheusText(await metrics.text()), ready.ok, Date.now());
  } catch (error) {
    return down(url, error);
  }
}

/**
 * Every processor app's instances, from their own /metrics and /readyz, with
 * the supervisor's restarts of the app where they are recorded.
 */
export async function processorStatuses(
  endpoints: readonly ProcessorEndpoint[],
  restarts: ReadonlyMap<string, SupervisedRestarts> = new Map(),
): Promise<ProcessorStatus[]> {
  const scraped = await Promise.all(
    endpoints.map(async (endpoint) => ({ ...endpoint, status: await scrape(endpoint.url) })),
  );
  const apps = [...new Set(endpoints.map((endpoint) => endpoint.app))];
  return apps.map((app) => {
    const instances = scraped.filter((entry) => entry.app === app).map((entry) => entry.status);
    return {
      app,
      instances,
      instancesUp: instances.filter((instance) => instance.state !== 'down').length,
      supervisor: restarts.get(app) ?? null,
    };
  });
}
