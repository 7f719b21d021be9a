import { createClient } from '@clickhouse/client';
import { assertTenantScoped, type ClickHouse, type ClickHouseParams, JSON_OUTPUT_SETTINGS } from './clickhouse.ts';

/** A ClickHouse server (docker-compose's clickhouse/clickhouse-server) over HTTP. */
export function openServer(url: string): ClickHouse {
  const client = createClient({ url, clickhouse_settings: JSON_OUTPUT_SETTINGS });
  const select = async <T>(sql: string, params: ClickHouseParams = {}) => {
    const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return (await result.json()) as T[];
  };
  return {
    engine: 'server',
    async exec(sql, params = {}) {
      await client.command({ query: sql, query_params: params });
    },
    async query(sql, params) {
      assertTenantScoped(sql, params);
      return select(sql, params);
    },
    querySystem: select,
    async insert(table, rows) {
      if (rows.length === 0) return;
      await client.insert({ table, values: rows as object[], format: 'JSONEachRow' });
    },
    async close() {
      await client.close();
    },
  };
}
