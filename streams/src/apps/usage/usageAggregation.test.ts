import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BillableMetricDefinition } from '@billstream/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClickHouse, openClickHouse } from '../../runtime/index.ts';
import { aggregationQuery } from './usageAggregation.ts';
import { CREATE_USAGE_EVENTS, USAGE_EVENTS_TABLE } from './usageEvents.ts';

const ORG = '00000000-0000-4000-8000-00000000000a';
const OTHER_ORG = '00000000-0000-4000-8000-00000000000b';
const ACCOUNT = '00000000-0000-4000-8000-0000000000c1';
const OTHER_ACCOUNT = '00000000-0000-4000-8000-0000000000c2';
const PERIOD = { organizationId: ORG, accountId: ACCOUNT, from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' };

const row = (tx: string, day: string, gb: string, region: string, extra: Record<string, string> = {}) => ({
  organization_id: ORG,
  transaction_id: tx,
  account_id: ACCOUNT,
  code: 'storage',
  timestamp: `2026-${day} 00:00:00.000`,
  properties: { gb, region },
  source_partition: 0,
  source_offset: 0,
  ...extra,
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billstream-usage-aggregation-'));
let clickhouse: ClickHouse;

beforeAll(async () => {
  clickhouse = await openClickHouse({ url: null, path: dir });
  await clickhouse.exec(CREATE_USAGE_EVENTS);
  const events = [
    row('a1', '12-01', '10', 'eu'),
    row('a2', '12-11', '5', 'us'),
    row('a3', '12-21', '-3', 'eu'),
    row('a4', '12-25', 'not a number', 'eu'),
    // Outside what a metric of ACCOUNT's December counts:
    row('a0', '11-30', '100', 'eu'),
    row('a5', '12-31', '100', 'eu'),
    row('b1', '12-05', '100', 'eu', { code: 'api_calls' }),
    row('c1', '12-05', '100', 'eu', { account_id: OTHER_ACCOUNT }),
    row('a1', '12-05', '1000', 'eu', { organization_id: OTHER_ORG }),
  ];
  await clickhouse.insert(USAGE_EVENTS_TABLE, events);
  // The same transaction again (a duplicate, or a chunk replayed after a crash): counted once.
  await clickhouse.insert(USAGE_EVENTS_TABLE, [row('a2', '12-11', '5', 'us')]);
});
afterAll(async () => {
  await clickhouse.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function aggregate(definition: Record<string, unknown>) {
  const metric = BillableMetricDefinition.parse({ code: 'storage', name: 'Storage', ...definition });
  const { sql, params } = aggregationQuery(metric, PERIOD);
  return clickhouse.query<{ group: string; value: string }>(sql, params);
}

describe('metric aggregation SQL (embedded ClickHouse)', () => {
  it.each([
    ['count', null, '4'],
    ['sum', 'gb', '12'],
    ['max', 'gb', '10'],
    ['unique_count', 'region', '2'],
    ['latest', 'gb', '-3'],
    // 10 for 10 days, 15 for 10, 12 for the last 10 (the non-number adds 0) over 30 days: 370 ÷ 30.
    ['weighted_sum', 'gb', '12.3333333333'],
  ])('%s of %s over one account period: %s', async (aggregation, property, value) => {
    expect(await aggregate({ aggregation, property })).toEqual([{ group: '', value }]);
  });

  it('filters (equals, in) and groups by a property', async () => {
    const eu = { property: 'region', operator: 'equals', values: ['eu'] };
    expect(await aggregate({ aggregation: 'sum', property: 'gb', filters: [eu] })).toEqual([{ group: '', value: '7' }]);
    const both = { property: 'region', operator: 'in', values: ['eu', 'us'] };
    expect(await aggregate({ aggregation: 'sum', property: 'gb', filters: [both], groupBy: 'region' })).toEqual([
      { group: 'eu', value: '7' },
      { group: 'us', value: '5' },
    ]);
  });

  it('refuses a metric without the property its aggregation reads', () => {
    const parsed = BillableMetricDefinition.safeParse({ code: 'storage', name: 'S', aggregation: 'sum' });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['property']);
  });
});
