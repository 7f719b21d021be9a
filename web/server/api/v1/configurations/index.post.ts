import { ConfigurationBody, type ConfigurationResource } from '@billstream/contracts';
import { saveConfiguration } from '../../../services/configurations/saveConfiguration';
import { etagOf } from '../../../utils/etag';
import { unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { readValidatedJson } from '../../../utils/request';

/** POST /api/v1/configurations: sets a key that is not set yet (201; 409 when it is). */
export default defineEventHandler(async (event): Promise<ConfigurationResource> => {
  const { organizationId } = requirePrincipal(event);
  const body = await readValidatedJson(event, ConfigurationBody);
  const change = { key: body.key, value: body.value, description: body.description };
  const { resource } = unwrap(await saveConfiguration(organizationId, change, 'create'));
  setResponseStatus(event, 201);
  setResponseHeader(event, 'Location', `/api/v1/configurations/${resource.key}`);
  setResponseHeader(event, 'ETag', etagOf(resource));
  return resource;
});
