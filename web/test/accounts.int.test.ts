import { randomUUID } from 'node:crypto';
import { AccountResource, TransactionResource } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { activeAccounts, getJson, pollUntil, postTransaction } from './support/api';
import { expectProblem, fieldNames } from './support/problem';

interface PageBody<T> {
  data: T[];
  page: { limit: number; nextCursor: string | null };
  links: { self: string; next: string | null };
}

describe('GET /api/v1/accounts', () => {
  it('lists accounts as AccountResources', async () => {
    const response = await getJson<PageBody<AccountResource>>('/api/v1/accounts');
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    for (const account of response.body.data) {
      AccountResource.parse(account);
      expect(account.balance).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });

  it('paginates with limit and an opaque cursor, without repeating rows', async () => {
    const first = await getJson<PageBody<AccountResource>>('/api/v1/accounts?limit=1');
    expect(first.body.data).toHaveLength(1);
    expect(first.body.page).toMatchObject({ limit: 1, nextCursor: expect.any(String) });
    const second = await getJson<PageBody<AccountResource>>(first.body.links.next!);
    expect(second.status).toBe(200);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.data[0]!.id).not.toBe(first.body.data[0]!.id);
  });

  it('refuses a page size above the maximum and a forged cursor, naming the query field', async () => {
    expect(fieldNames(expectProblem(await getJson('/api/v1/accounts?limit=100000'), 422))).toEqual(['query.limit']);
    expect(fieldNames(expectProblem(await getJson('/api/v1/accounts?cursor=forged'), 422))).toEqual(['query.cursor']);
  });
});

describe('GET /api/v1/accounts/:id', () => {
  it('returns the account with its balance', async () => {
    const [account] = await activeAccounts();
    const response = await getJson<AccountResource>(`/api/v1/accounts/${account!.id}`);
    expect(response.status).toBe(200);
    expect(AccountResource.parse(response.body)).toMatchObject({ id: account!.id, currency: account!.currency });
  });

  it('answers 404 for an unknown account or external id and 422 for a malformed id', async () => {
    expect(fieldNames(expectProblem(await getJson(`/api/v1/accounts/${randomUUID()}`), 404))).toEqual(['params.id']);
    expect(fieldNames(expectProblem(await getJson('/api/v1/accounts/nope'), 404))).toEqual(['params.id']);
    expect(fieldNames(expectProblem(await getJson('/api/v1/accounts/no%20pe!'), 422))).toEqual(['params.id']);
  });
});

describe('GET /api/v1/accounts/:id/transactions', () => {
  it('lists the history newest first, paginated', async () => {
    const [account] = await activeAccounts();
    const ids: string[] = [];
    for (const amount of ['1.00', '2.00', '3.00']) {
      const accepted = await postTransaction<{ id: string }>({
        accountId: account!.id,
        type: 'credit',
        amount,
        currency: account!.currency,
        description: 'int: history',
      });
      expect(accepted.status).toBe(202);
      ids.push(accepted.body.id);
    }
    const path = `/api/v1/accounts/${account!.id}/transactions?limit=2`;
    // The ledger writes rows asynchronously: wait until the newest is there.
    const first = await pollUntil<PageBody<TransactionResource>>(path, (r) => r.body.data[0]?.id === ids[2]);
    expect(first.body.data.map((row) => row.id)).toEqual([ids[2], ids[1]]);
    for (const row of first.body.data) TransactionResource.parse(row);
    const second = await getJson<PageBody<TransactionResource>>(first.body.links.next!);
    expect(second.body.data[0]!.id).toBe(ids[0]);
  });

  it('answers 404 for an unknown account', async () => {
    expectProblem(await getJson(`/api/v1/accounts/${randomUUID()}/transactions`), 404);
  });

  it('answers unknown API routes with a problem, not a page', async () => {
    expectProblem(await getJson('/api/v1/no-such-thing'), 404);
  });
});
