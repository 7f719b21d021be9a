import {
  ConfigurationKeyParams,
  type ConfigurationResource,
  ConfigurationValueBody,
  parseConfigurationValue,
} from '@billstream/contracts';
import { saveConfiguration } from '../../../services/configurations/saveConfiguration';
import { etagOf } from '../../../utils/etag';
import { preconditionOf, unwrap } from '../../../utils/masterDataHttp';
import { requirePrincipal } from '../../../utils/principal';
import { problems } from '../../../utils/problem';
import { getValidatedParams, readJsonBody } from '../../../utils/request';
import { parseOrProblem, validateTogether, zodProblemFields } from '../../../utils/validation';

/**
 * PUT /api/v1/configurations/:key: sets the key's value, checked against the
 * key's schema. Changing a key that is set needs If-Match (412) or
 * body.updatedAt (409); setting an unset key needs neither.
 */
export default defineEventHandler(async (event): Promise<ConfigurationResource> => {
  const { organizationId } = requirePrincipal(event);
  const rawBody = await readJsonBody(event);
  const [{ key }, body] = validateTogether(
    () => getValidatedParams(event, ConfigurationKeyParams),
    () => parseOrProblem(ConfigurationValueBody, rawBody, 'body'),
  );
  const value = parseConfigurationValue(key, body.value);
  if (!value.success) {
    throw problems.invalid(zodProblemFields(value.error, 'body.value'));
  }
  const change = { key, value: value.data, description: body.description };
  const { resource } = unwrap(
    await saveConfiguration(organizationId, change, 'update', preconditionOf(event, body.updatedAt)),
  );
  setResponseHeader(event, 'ETag', etagOf(resource));
  return resource;
});
