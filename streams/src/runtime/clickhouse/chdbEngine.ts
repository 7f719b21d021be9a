import fs from 'node:fs';
import { Session } from 'chdb';
import { type ClickHouseDriver, JSON_OUTPUT_SETTINGS } from './clickhouse.ts';

const CONNECTION_ARGS = Object.entries(JSON_OUTPUT_SETTINGS).map(([name, value]) => `--${name}=${value}`);

function rowsOf<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

/** Embedded ClickHouse (chDB) in this process, with its data in `dataPath`. */
export function chdbDriver(dataPath: string): ClickHouseDriver {
  fs.mkdirSync(dataPath, { recursive: true });
  const session = new Session(dataPath, { connectionArgs: CONNECTION_ARGS });
  return {
    engine: 'chdb',
    async exec(sql, params) {
      await session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
    },
    async select<T>(sql: string, params: object) {
      return rowsOf<T>((await session.queryBindAsync(sql, params, { format: 'JSONEachRow' })).text());
    },
    async insert(table, rows) {
      const values = Buffer.from(`${rows.map((row) => JSON.stringify(row)).join('\n')}\n`, 'utf8');
      await session.insert({ table, values, format: 'JSONEachRow' });
    },
    async close() {
      session.close();
    },
  };
}
