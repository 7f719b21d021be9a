import type { ConfigurationKey, ConfigurationResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { defaultConfigurationResource, toConfigurationResource } from '../masterData/resources';

/** The organization's value of a key, or its default when never set. */
export async function getConfiguration(key: ConfigurationKey, organizationId: string): Promise<ConfigurationResource> {
  const row = await useDb().configuration.findFirst({ where: { organizationId, key } });
  return row ? toConfigurationResource(row) : defaultConfigurationResource(key);
}
