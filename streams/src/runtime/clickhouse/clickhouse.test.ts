import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertTenantScoped, clickHouseConfigFromEnv, openClickHouse } from './clickhouse.ts';

describe('clickHouseConfigFromEnv', () => {
  it('runs chDB under DATA_DIR unless CLICKHOUSE_URL names a server', () => {
    expect(clickHouseConfigFromEnv({ DATA_DIR: '/srv/data' })).toEqual({ url: null, path: '/srv/data/clickhouse' });
    expect(clickHouseConfigFromEnv({ CLICKHOUSE_PATH: '/tmp/ch', CLICKHOUSE_URL: 'http://ch:8123' })).toEqual({
      url: 'http://ch:8123',
      path: '/tmp/ch',
    });
  });
});

describe('assertTenantScoped', () => {
  it('refuses SQL that does not bind the organization', () => {
    expect(() => assertTenantScoped('SELECT 1', { organizationId: 'x' })).toThrow(/organizationId/);
    expect(() => assertTenantScoped('SELECT 1 WHERE o = {organizationId:UUID}', {})).toThrow(/organizationId/);
    expect(() => assertTenantScoped('SELECT 1 WHERE o = {organizationId:UUID}', { organizationId: 'x' })).not.toThrow();
  });
});

describe('chDB engine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billstream-chdb-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ORG = '00000000-0000-4000-8000-000000000001';

  it('binds parameters, keeps decimals and 64-bit counts as strings, and scopes tenant queries', async () => {
    const clickhouse = await openClickHouse({ url: null, path: dir });
    try {
      expect(clickhouse.engine).toBe('chdb');
      await clickhouse.exec(
        'CREATE TABLE IF NOT EXISTS t (organization_id UUID, v Decimal(38, 10)) ENGINE = MergeTree ORDER BY organization_id',
      );
      await clickhouse.insert('t', [
        { organization_id: ORG, v: '0.1' },
        { organization_id: ORG, v: '0.2' },
        { organization_id: '00000000-0000-4000-8000-000000000002', v: '5' },
      ]);
      const rows = await clickhouse.query<{ n: string; total: string }>(
        'SELECT count() AS n, sum(v) AS total FROM t WHERE organization_id = {organizationId:UUID}',
        { organizationId: ORG },
      );
      expect(rows).toEqual([{ n: '2', total: '0.3' }]);
      await expect(clickhouse.query('SELECT count() FROM t', { organizationId: ORG })).rejects.toThrow(/scoped/);
    } finally {
      await clickhouse.close();
    }
  });
});
