import {
  CONFIGURATION_KEYS,
  type ConfigurationKey,
  type ConfigurationListQuery,
  type ConfigurationResource,
} from '@billstream/contracts';
import type { ListPage } from '#shared/types/listQuery';
import { useDb } from '../../utils/db';
import { defaultConfigurationResource, toConfigurationResource } from '../masterData/resources';

/** All configuration keys of the organization: the stored value or the default. A fixed, small set: no paging. */
export async function allConfigurations(
  organizationId: string,
  query: ConfigurationListQuery,
): Promise<ConfigurationResource[]> {
  const rows = await useDb().configuration.findMany({ where: { organizationId } });
  const stored = new Map(rows.map((row) => [row.key, row]));
  const keys = (Object.keys(CONFIGURATION_KEYS) as ConfigurationKey[]).filter(
    (key) => !query.q || key.toLowerCase().includes(query.q.toLowerCase()),
  );
  const resources = keys
    .map((key) => {
      const row = stored.get(key);
      return row ? toConfigurationResource(row) : defaultConfigurationResource(key);
    })
    .filter((resource) => query.set === undefined || String(resource.isSet) === query.set);
  resources.sort((a, b) => a.key.localeCompare(b.key));
  if (query.sort === '-key') resources.reverse();
  return resources;
}

export async function listConfigurations(
  organizationId: string,
  query: ConfigurationListQuery,
): Promise<ListPage<ConfigurationResource>> {
  const data = await allConfigurations(organizationId, query);
  return {
    data,
    page: { limit: data.length, page: 1, total: data.length, nextCursor: null },
    links: { self: '/api/v1/configurations', next: null },
  };
}
