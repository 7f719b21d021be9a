import { gatewayStats } from '../../services/payments/gatewayStats';
import { requirePrincipal } from '../../utils/principal';

/** GET /api/v1/payment-gateways: each sandbox gateway with its authorization success rate. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  return { data: await gatewayStats(organizationId) };
});
