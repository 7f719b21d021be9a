import { createClient } from '@clickhouse/client';
import { type ClickHouseDriver, JSON_OUTPUT_SETTINGS } from './clickhouse.ts';

/** A ClickHouse server (docker-compose's clickhouse/clickhouse-server) over HTTP. */
export function serverDriver(url: string): ClickHouseDriver {
  const client = createClient({ url, clickhouse_settings: JSON_OUTPUT_SETTINGS });
  return {
    engine: 'server',
    async exec(sql, params) {
      await client.command({ query: sql, query_params: params });
    },
    async select<T>(sql: string, params: Record<string, unknown>) {
      const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
      return (await result.json()) as T[];
    },
    async insert(table, rows) {
      await client.insert({ table, values: rows as object[], format: 'JSONEachRow' });
    },
    close: () => client.close(),
  };
}
