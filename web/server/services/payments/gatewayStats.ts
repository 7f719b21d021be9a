import { GatewayName, type GatewayStatsResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';

/**
 * Success rate per gateway over the organization's authorization attempts:
 * an attempt succeeds when the gateway authorized, started the transfer or
 * asked for a challenge; declines and errors (timeouts) count against it.
 */
export async function gatewayStats(organizationId: string): Promise<GatewayStatsResource[]> {
  const rows = await useDb().$queryRaw<{ gateway: string; attempts: number; succeeded: number }[]>`
    SELECT gateway, count(*)::int AS attempts,
           (count(*) FILTER (WHERE outcome IN ('succeeded', 'pending', 'requires_action')))::int AS succeeded
      FROM payment_attempts WHERE organization_id = ${organizationId}::uuid AND operation = 'authorize'
     GROUP BY gateway`;
  return GatewayName.options.map((gateway) => {
    const row = rows.find((candidate) => candidate.gateway === gateway);
    const attempts = row?.attempts ?? 0;
    const succeeded = row?.succeeded ?? 0;
    // Integer arithmetic on counts (not money): tenths of a percent.
    const successRate = attempts === 0 ? null : (Math.round((succeeded * 1000) / attempts) / 10).toFixed(1);
    return { gateway, attempts, succeeded, successRate };
  });
}
