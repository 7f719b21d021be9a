import path from 'node:path';

/**
 * The one module that knows which ClickHouse engine runs (docs/usage.md,
 * "ClickHouse"): embedded chDB by default, a server through
 * @clickhouse/client when CLICKHOUSE_URL is set. Both run the same SQL.
 *
 * chDB runs inside the process that opens it, and only one process may open
 * a data path: the usage processor owns it, and everything else (the web app)
 * reads aggregates through that processor's HTTP endpoint.
 */

/** Query parameters, bound server-side as `{name:Type}`: values never enter the SQL text. */
export type ClickHouseParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface ClickHouse {
  readonly engine: 'chdb' | 'server';
  /** DDL and statements without a result. */
  exec(sql: string, params?: ClickHouseParams): Promise<void>;
  /**
   * A tenant's rows. Tenancy is absolute: the SQL must bind
   * `{organizationId:UUID}`, and the call is refused without it.
   */
  query<T>(sql: string, params: ClickHouseParams & { readonly organizationId: string }): Promise<T[]>;
  /** Rows of the processor's own bookkeeping (stored offsets), which belong to no tenant. */
  querySystem<T>(sql: string, params?: ClickHouseParams): Promise<T[]>;
  /** Appends rows (JSONEachRow) to `table`. */
  insert(table: string, rows: readonly object[]): Promise<void>;
  close(): Promise<void>;
}

export interface ClickHouseConfig {
  /** A server (http://user:password@host:8123/database); null runs chDB. */
  readonly url: string | null;
  /** chDB's data directory. */
  readonly path: string;
}

/** CLICKHOUSE_URL selects a server; otherwise chDB keeps its data in CLICKHOUSE_PATH (default DATA_DIR/clickhouse). */
export function clickHouseConfigFromEnv(env: NodeJS.ProcessEnv): ClickHouseConfig {
  const url = env.CLICKHOUSE_URL?.trim() || null;
  const dataPath = env.CLICKHOUSE_PATH?.trim() || path.join(env.DATA_DIR?.trim() || '.data', 'clickhouse');
  return { url, path: path.resolve(dataPath) };
}

/**
 * JSON output settings both engines get: decimals and 64-bit integers as
 * strings, so that money and counts never pass through a JS number.
 */
export const JSON_OUTPUT_SETTINGS = {
  output_format_json_quote_decimals: 1,
  output_format_json_quote_64bit_integers: 1,
} as const;

const TENANT_PARAMETER = /\{organizationId:\s*UUID\s*\}/;

/** Refuses a tenant query whose SQL does not bind the organization. */
export function assertTenantScoped(sql: string, params: { readonly organizationId?: unknown }): void {
  if (!TENANT_PARAMETER.test(sql) || typeof params.organizationId !== 'string')
    throw new Error('a ClickHouse query must be scoped to {organizationId:UUID}');
}

/** What an engine supplies; the tenant guard and the empty-insert shortcut are added once, here. */
export interface ClickHouseDriver {
  readonly engine: ClickHouse['engine'];
  exec(sql: string, params: ClickHouseParams): Promise<void>;
  select<T>(sql: string, params: ClickHouseParams): Promise<T[]>;
  insert(table: string, rows: readonly object[]): Promise<void>;
  close(): Promise<void>;
}

function guarded(driver: ClickHouseDriver): ClickHouse {
  return {
    engine: driver.engine,
    exec: (sql, params = {}) => driver.exec(sql, params),
    async query<T>(sql: string, params: ClickHouseParams & { readonly organizationId: string }) {
      assertTenantScoped(sql, params);
      return driver.select<T>(sql, params);
    },
    querySystem: (sql, params = {}) => driver.select(sql, params),
    insert: async (table, rows) => {
      if (rows.length > 0) await driver.insert(table, rows);
    },
    close: () => driver.close(),
  };
}

export async function openClickHouse(config: ClickHouseConfig): Promise<ClickHouse> {
  if (config.url !== null) {
    const { serverDriver } = await import('./serverEngine.ts');
    return guarded(serverDriver(config.url));
  }
  const { chdbDriver } = await import('./chdbEngine.ts');
  return guarded(chdbDriver(config.path));
}
