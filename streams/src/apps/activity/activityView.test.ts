import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ViewRow } from '../../runtime/index.ts';
import { activityView } from './activityView.ts';

function fakeClient() {
  const calls: { sql: string; params: unknown[] }[] = [];
  const client = {
    query: async (sql: string, params: unknown[] = []) => {
      calls.push({ sql, params });
      return { rows: [] };
    },
  } as unknown as pg.PoolClient;
  return { client, calls };
}

const row = (id: string, metadata: Record<string, unknown> | null): ViewRow => ({
  key: 'u',
  value: {
    id,
    type: 'UserChanged',
    organizationId: '00000000-0000-4000-8000-0000000000aa',
    userId: null,
    action: 'user.invited',
    resource: 'user',
    resourceId: null,
    ip: null,
    metadata,
    occurredAt: '2026-12-06T20:00:00.000Z',
  },
  timestampMs: 0,
  source: null,
  partition: 0,
  offset: 0n,
});

describe('activity view (PostgreSQL writer)', () => {
  it('writes a batch in one idempotent statement, metadata as JSON text', async () => {
    const { client, calls } = fakeClient();
    await activityView.postgres!.apply(client, [
      row('00000000-0000-4000-9000-000000000001', { email: 'a@b.c' }),
      row('00000000-0000-4000-9000-000000000002', null),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.sql).toContain('ON CONFLICT (id) DO NOTHING');
    expect(calls[0]!.params[0]).toEqual([
      '00000000-0000-4000-9000-000000000001',
      '00000000-0000-4000-9000-000000000002',
    ]);
    expect(calls[0]!.params[6]).toEqual(['{"email":"a@b.c"}', null]);
  });

  it('writes nothing for an empty batch and refuses rows that are not activity rows', async () => {
    const { client, calls } = fakeClient();
    await activityView.postgres!.apply(client, []);
    expect(calls).toHaveLength(0);
    await expect(activityView.postgres!.apply(client, [{ ...row('x', null), value: { id: 'x' } }])).rejects.toThrow();
  });
});
