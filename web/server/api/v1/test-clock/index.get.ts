import { getTestClock } from '../../../services/testClock/getTestClock';
import { requirePrincipal } from '../../../utils/principal';

/** GET /api/v1/test-clock: the organization's test-clock instant (null: wall clock). */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  setResponseHeader(event, 'Cache-Control', 'private, no-cache');
  return getTestClock(organizationId);
});
