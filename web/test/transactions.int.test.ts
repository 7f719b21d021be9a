import { randomUUID } from 'node:crypto';
import { MoneyDecimal, minorUnits, TransactionResource } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { anActiveAccount, BASE_URL, getJson, otherCurrency, pollUntil, postTransaction } from './support/api';
import { expectProblem, fieldNames } from './support/problem';

interface Accepted {
  id: string;
  status: string;
  links: { self: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function validBody(overrides: Record<string, unknown> = {}) {
  const account = await anActiveAccount();
  return { accountId: account.id, type: 'credit', amount: '5.00', currency: account.currency, ...overrides };
}

describe('POST /api/v1/transactions', () => {
  it('accepts a valid command with 202, a pending body, Location and X-Request-Id', async () => {
    const response = await postTransaction<Accepted>(await validBody({ description: 'int: accepted' }));
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID),
      status: 'pending',
      links: { self: `/api/v1/transactions/${response.body.id}` },
    });
    expect(response.headers.get('location')).toMatch(new RegExp(`/api/v1/transactions/${response.body.id}$`));
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('echoes a caller-supplied X-Request-Id', async () => {
    const response = await fetch(`${BASE_URL}/api/v1/accounts?limit=1`, {
      headers: { 'x-request-id': 'int-test-42' },
    });
    expect(response.headers.get('x-request-id')).toBe('int-test-42');
  });

  it('is readable at once (pending or done) and reaches completed with the new balance', async () => {
    const body = await validBody({ amount: '7.25', description: 'int: ledger verdict' });
    const accepted = await postTransaction<Accepted>(body);
    expect(accepted.status).toBe(202);
    const first = await getJson<TransactionResource>(accepted.body.links.self);
    expect(first.status).toBe(200);
    expect(['pending', 'completed']).toContain(first.body.status);
    expect(TransactionResource.parse(first.body).amount).toBe('7.25');

    const done = await pollUntil<TransactionResource>(accepted.body.links.self, (r) => r.body.status !== 'pending');
    expect(done.body.status).toBe('completed');
    expect(done.body.reason).toBeNull();
    expect(done.body.balanceAfter).toMatch(/^-?\d+\.\d{2}$/);
    expect(done.body.processedAt).not.toBeNull();
  });

  it('reports a debit the ledger refuses as rejected with its reason', async () => {
    const body = await validBody({ type: 'debit', amount: '999999999999.00', description: 'int: too much' });
    const accepted = await postTransaction<Accepted>(body);
    expect(accepted.status).toBe(202);
    const done = await pollUntil<TransactionResource>(accepted.body.links.self, (r) => r.body.status !== 'pending');
    expect(done.body).toMatchObject({ status: 'rejected', reason: 'insufficient_funds' });
  });

  it('names every bad field in one 422 problem', async () => {
    const response = await postTransaction(
      { accountId: 'not-a-uuid', type: 'refund', amount: 12.5, currency: 'XYZ', surprise: true },
      null,
    );
    const problem = expectProblem(response, 422);
    expect(fieldNames(problem)).toEqual(
      ['body.accountId', 'body.amount', 'body.currency', 'body.surprise', 'body.type', 'header.idempotency-key'].sort(),
    );
    for (const field of problem.errors ?? []) expect(field.reason.length).toBeGreaterThan(0);
  });

  it('refuses amounts finer than the currency allows, naming body.amount', async () => {
    const problem = expectProblem(await postTransaction(await validBody({ amount: '1.001' })), 422);
    expect(fieldNames(problem)).toEqual(['body.amount']);
  });

  it('answers 400 for malformed JSON', async () => {
    const problem = expectProblem(await postTransaction('{"accountId": '), 400);
    expect(fieldNames(problem)).toEqual(['body']);
  });

  it('answers 404 for an unknown account', async () => {
    const problem = expectProblem(await postTransaction(await validBody({ accountId: randomUUID() })), 404);
    expect(fieldNames(problem)).toEqual(['body.accountId']);
  });

  it('answers 422 naming body.currency when it is not the account currency', async () => {
    const account = await anActiveAccount();
    const body = await validBody({ accountId: account.id, currency: otherCurrency(account.currency) });
    expect(fieldNames(expectProblem(await postTransaction(body), 422))).toEqual(['body.currency']);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body', async () => {
    const key = randomUUID();
    const body = await validBody({ description: 'int: replay' });
    const first = await postTransaction<Accepted>(body, key);
    // Same body with keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await postTransaction<Accepted>(reordered, key);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key with a different body (422 naming the header)', async () => {
    const key = randomUUID();
    expect((await postTransaction(await validBody({ amount: '1.00' }), key)).status).toBe(202);
    const problem = expectProblem(await postTransaction(await validBody({ amount: '2.00' }), key), 422);
    expect(fieldNames(problem)).toEqual(['header.idempotency-key']);
  });

  it('never accepts two different transactions for concurrent duplicates', async () => {
    const key = randomUUID();
    const body = await validBody({ description: 'int: concurrent' });
    const responses = await Promise.all(Array.from({ length: 5 }, () => postTransaction<Accepted>(body, key)));
    const statuses = responses.map((response) => response.status);
    for (const status of statuses) expect([202, 409]).toContain(status);
    const ids = new Set(responses.filter((r) => r.status === 202).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const conflict of responses.filter((r) => r.status === 409)) expectProblem(conflict, 409);
  });

  it('requires the header', async () => {
    const problem = expectProblem(await postTransaction(await validBody(), null), 422);
    expect(fieldNames(problem)).toEqual(['header.idempotency-key']);
  });
});

describe('GET /api/v1/transactions/:id', () => {
  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    expect(fieldNames(expectProblem(await getJson(`/api/v1/transactions/${randomUUID()}`), 404))).toEqual([
      'params.id',
    ]);
    expect(fieldNames(expectProblem(await getJson('/api/v1/transactions/42'), 422))).toEqual(['params.id']);
  });

  it('formats money to the currency minor units', async () => {
    const account = await anActiveAccount('USD');
    const accepted = await postTransaction<Accepted>(
      await validBody({ accountId: account.id, currency: account.currency, amount: '3.5' }),
    );
    const transaction = await getJson<TransactionResource>(accepted.body.links.self);
    expect(transaction.body.amount).toBe(new MoneyDecimal('3.5').toFixed(minorUnits(account.currency)));
  });
});
