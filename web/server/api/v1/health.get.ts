import { checkHealth } from '../../services/health/checkHealth';
import { ProblemError, problemOf } from '../../utils/problem';

/** GET /api/v1/health: 200 when database, Redis and Kafka answer, else a 503 problem. */
export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'Cache-Control', 'no-store');
  const { healthy, checks } = await checkHealth();
  if (healthy) return { status: 'ok', checks };
  const failing = Object.entries(checks).filter(([, value]) => value !== 'ok');
  const detail = failing.map(([name, value]) => `${name}: ${value}`).join('; ');
  throw new ProblemError({ ...problemOf(503, detail), checks });
});
