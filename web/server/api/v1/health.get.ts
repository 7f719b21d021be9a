import type { PermissionKey } from '@billstream/contracts';
import { checkHealth, publicChecks } from '../../services/health/checkHealth';
import { getPrincipal } from '../../utils/principal';
import { ProblemError, problemOf } from '../../utils/problem';

/** Who sees error texts and latencies: organization admins (the permission only the admin role holds). */
const HEALTH_DETAILS_PERMISSION: PermissionKey = 'settings:write';

/**
 * GET /api/v1/health: 200 when database, Redis and Kafka answer, else a 503
 * problem. Anyone gets "up"/"down" per dependency; a signed-in admin also
 * gets each check's latency and error text (driver messages can name hosts).
 */
export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'Cache-Control', 'no-store');
  const { healthy, checks } = await checkHealth();
  const details = getPrincipal(event)?.permissions.has(HEALTH_DETAILS_PERMISSION) ?? false;
  const shown = details ? checks : publicChecks(checks);
  if (healthy) return { status: 'ok', checks: shown };
  const down = Object.entries(checks).filter(([, check]) => check.status === 'down');
  const detail = down.map(([name, check]) => (details ? `${name}: ${check.error}` : `${name}: down`)).join('; ');
  throw new ProblemError({ ...problemOf(503, detail), checks: shown });
});
