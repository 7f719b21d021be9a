import type { ProcessorStatus } from '#shared/types/monitoring';

/** How often the monitoring figures refresh (throughput is measured between two looks). */
export const MONITORING_REFRESH_MS = 5_000;

/** The processors' status, refreshed while the page is open. */
export function useProcessorStatus() {
  const result = useFetch<{ data: ProcessorStatus[] }>('/api/v1/monitoring/processors', { server: false });
  const polling = usePolling();
  onMounted(() =>
    polling.repeat('processors', result.refresh, {
      firstDelayMs: MONITORING_REFRESH_MS,
      intervalMs: MONITORING_REFRESH_MS,
    }),
  );
  return result;
}

export function totalLag(status: ProcessorStatus): number {
  return status.instances.reduce((sum, instance) => sum + instance.lag.reduce((n, p) => n + p.lag, 0), 0);
}
