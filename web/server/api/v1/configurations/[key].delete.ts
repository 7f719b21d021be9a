import { ConfigurationKeyParams } from '@billstream/contracts';
import { deleteConfiguration } from '../../../services/configurations/saveConfiguration';
import { preconditionOf, unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { getValidatedParams } from '../../../utils/request';

/** DELETE /api/v1/configurations/:key: back to the default (204) once the tombstone is on the topic. */
export default defineEventHandler(async (event) => {
  const { organizationId } = requirePrincipal(event);
  const { key } = getValidatedParams(event, ConfigurationKeyParams);
  unwrap(await deleteConfiguration(organizationId, key, preconditionOf(event)));
  setResponseStatus(event, 204);
  return null;
});
