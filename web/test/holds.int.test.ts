import { randomUUID } from 'node:crypto';
import type { AccountResource, BalanceAsOf, HoldResource, TransactionResource } from '@billstream/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { getJson, pollUntil, postTransaction } from './support/api';
import { closeFixtures, createOwnAccount } from './support/fixtures';
import { expectProblem } from './support/problem';
import { adminSession } from './support/session';

afterAll(closeFixtures);

async function post<T>(path: string, body: unknown, idempotencyKey: string = randomUUID()) {
  return (await adminSession()).post<T>(path, body, { headers: { 'idempotency-key': idempotencyKey } });
}

async function fundedAccount(amount: string): Promise<string> {
  const account = await createOwnAccount();
  const credit = await postTransaction<{ links: { self: string } }>({
    accountId: account.id,
    type: 'credit',
    amount,
    currency: 'USD',
  });
  expect(credit.status).toBe(202);
  await pollUntil<TransactionResource>(
    credit.body.links.self,
    (r) => r.status === 200 && r.body.status === 'completed',
  );
  return account.id;
}

const holdDecided = (id: string, status: string) =>
  pollUntil<HoldResource>(`/api/v1/holds/${id}`, (r) => r.status === 200 && r.body.status === status);

describe('holds and balance as of (real ledger)', () => {
  it('a hold lowers the available balance; a partial capture posts a debit and releases the rest', async () => {
    const accountId = await fundedAccount('100.00');
    const placed = await post<HoldResource>(`/api/v1/accounts/${accountId}/holds`, {
      amount: '70.00',
      currency: 'USD',
    });
    expect(placed.status).toBe(202);
    await holdDecided(placed.body.id, 'pending');
    const held = await getJson<AccountResource & { availableBalance: string }>(`/api/v1/accounts/${accountId}`);
    expect(held.body).toMatchObject({ balance: '100.00', availableBalance: '30.00' });
    const beforeCapture = new Date().toISOString();

    const capture = await post<{ transactionId: string }>(`/api/v1/holds/${placed.body.id}/capture`, {
      amount: '50.00',
    });
    expect(capture.status).toBe(202);
    await holdDecided(placed.body.id, 'captured');
    const after = await pollUntil<AccountResource & { availableBalance: string }>(
      `/api/v1/accounts/${accountId}`,
      (r) => r.body.balance === '50.00',
    );
    expect(after.body.availableBalance).toBe('50.00');
    const debit = await getJson<TransactionResource>(`/api/v1/transactions/${capture.body.transactionId}`);
    expect(debit.body).toMatchObject({ type: 'debit', amount: '50.00', status: 'completed' });

    const then = await getJson<BalanceAsOf>(
      `/api/v1/accounts/${accountId}/balance?at=${encodeURIComponent(beforeCapture)}`,
    );
    expect(then.body.balance).toBe('100.00');
    const before = await getJson<BalanceAsOf>(`/api/v1/accounts/${accountId}/balance?at=2000-01-01T00:00:00Z`);
    expect(before.body).toMatchObject({ balance: '0.00', transactionId: null });
    const now = await getJson<BalanceAsOf>(`/api/v1/accounts/${accountId}/balance`);
    expect(now.body.balance).toBe('50.00');
  });

  it("a hold expires by the ledger's wall-clock punctuator, with no other command for its account", async () => {
    const accountId = await fundedAccount('40.00');
    const placed = await post<HoldResource>(`/api/v1/accounts/${accountId}/holds`, {
      amount: '25.00',
      currency: 'USD',
      expiresInSeconds: 1,
    });
    expect(placed.status).toBe(202);
    // Nothing else reaches this account's partition: only the punctuator can release the hold.
    await holdDecided(placed.body.id, 'expired');
    const released = await pollUntil<AccountResource & { availableBalance: string }>(
      `/api/v1/accounts/${accountId}`,
      (r) => r.body.availableBalance === '40.00',
    );
    expect(released.body).toMatchObject({ balance: '40.00', availableBalance: '40.00' });
  });

  it('a void releases the hold; a hold beyond the available balance is rejected with a reason', async () => {
    const accountId = await fundedAccount('20.00');
    const placed = await post<HoldResource>(`/api/v1/accounts/${accountId}/holds`, {
      amount: '15.00',
      currency: 'USD',
    });
    await holdDecided(placed.body.id, 'pending');
    const tooMuch = await post<HoldResource>(`/api/v1/accounts/${accountId}/holds`, {
      amount: '5.01',
      currency: 'USD',
    });
    const rejected = await holdDecided(tooMuch.body.id, 'rejected');
    expect(rejected.body.reason).toBe('insufficient_funds');
    const voided = await post(`/api/v1/holds/${placed.body.id}/void`, {});
    expect(voided.status).toBe(202);
    await holdDecided(placed.body.id, 'voided');
    const account = await getJson<{ availableBalance: string }>(`/api/v1/accounts/${accountId}`);
    expect(account.body.availableBalance).toBe('20.00');
  });

  it('replays an Idempotency-Key and names bad fields', async () => {
    const accountId = await fundedAccount('1.00');
    const key = randomUUID();
    const first = await post<HoldResource>(
      `/api/v1/accounts/${accountId}/holds`,
      { amount: '0.50', currency: 'USD' },
      key,
    );
    const again = await post<HoldResource>(
      `/api/v1/accounts/${accountId}/holds`,
      { amount: '0.50', currency: 'USD' },
      key,
    );
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const bad = await post(`/api/v1/accounts/${accountId}/holds`, {
      amount: '-1',
      currency: 'USD',
      expiresInSeconds: 0,
    });
    expectProblem(bad, 422);
    const names = (bad.body as { errors: { name: string }[] }).errors.map((error) => error.name).sort();
    expect(names).toEqual(['body.amount', 'body.expiresInSeconds']);
    const asOf = await getJson(`/api/v1/accounts/${accountId}/balance?at=yesterday`);
    expectProblem(asOf, 422);
  });
});
