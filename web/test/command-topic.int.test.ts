import { randomUUID } from 'node:crypto';
import { TransactionRequested } from '@billstream/contracts';
import { expect, it } from 'vitest';
import { anActiveAccount, otherCurrency, postTransaction } from './support/api';
import { commandTopic, endOffsets, readCommands } from './support/commandLog';

it(`produces a TransactionRequested to the command topic for valid input, and nothing for invalid input`, async () => {
  const account = await anActiveAccount();
  const valid = { accountId: account.id, type: 'credit', amount: '4.00', currency: account.currency };
  const bad = `bad-${randomUUID()}`;
  const good = `good-${randomUUID()}`;
  const before = await endOffsets();

  // Each refused request carries the marker `bad` somewhere a producer would copy it.
  const refused = [
    postTransaction({ ...valid, amount: '-4.00', description: bad }), // 422 amount
    postTransaction({ ...valid, description: bad }, null), // 422 missing key
    postTransaction({ ...valid, accountId: randomUUID(), description: bad }), // 404 account
    postTransaction({ ...valid, currency: otherCurrency(account.currency), description: bad }), // 422 currency
    postTransaction(`{"accountId":"${account.id}","description":"${bad}"`), // 400 malformed
    postTransaction({ ...valid, description: bad, extra: 'field' }), // 422 unknown field
  ];
  const statuses = (await Promise.all(refused)).map((response) => response.status);
  expect(statuses).toEqual([422, 422, 404, 422, 400, 422]);

  const accepted = await postTransaction<{ id: string }>({ ...valid, description: good });
  expect(accepted.status).toBe(202);
  // The 202 came after acks=all, so the valid record is below these offsets.
  const after = await endOffsets();
  const records = await readCommands(before, after);

  expect(records.filter((record) => record.value.includes(bad))).toEqual([]);
  const mine = records.filter((record) => record.value.includes(good));
  expect(mine).toHaveLength(1);
  const command = TransactionRequested.parse(JSON.parse(mine[0]!.value));
  expect(mine[0]!.key).toBe(account.id);
  expect(command.data).toMatchObject({
    transactionId: accepted.body.id,
    accountId: account.id,
    type: 'credit',
    amount: '4.00',
    currency: account.currency,
    description: good,
  });
  expect(mine[0]!.headers['event-type']).toBe('TransactionRequested');
  expect(commandTopic).toMatch(/transaction-commands$/);
});
