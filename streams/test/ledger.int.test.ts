import { TOPICS, topicName } from '@billstream/contracts';
import type { Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { command, createAccount, processorTestClients, waitUntil } from './helpers.ts';

const { env, pool, kafka, producer } = processorTestClients();
const commandsTopic = topicName(TOPICS.transactionCommands, env.topicPrefix);

async function send(key: string, value: string | Buffer) {
  await producer.send({ topic: commandsTopic, acks: -1, messages: [{ key, value }] });
}

async function balanceOf(accountId: string): Promise<string> {
  const result = await pool.query<{ balance: string }>('SELECT balance::text FROM billing_accounts WHERE id = $1', [
    accountId,
  ]);
  return result.rows[0]!.balance;
}

/**
 * The balance once its view shows `expected`, or the last one seen. Balances
 * have their own view and sink, so they follow the transaction rows a little
 * later (not in the same SQL transaction).
 */
async function settledBalance(accountId: string, expected: string): Promise<string> {
  let last = '';
  await waitUntil(`balance ${expected}`, async () => {
    last = await balanceOf(accountId);
    return last === expected ? last : null;
  }).catch(() => {});
  return last;
}

async function statusOf(transactionId: string) {
  const result = await pool.query<{ status: string; reason: string | null; balance_after: string }>(
    'SELECT status, reason, balance_after::text FROM transactions WHERE id = $1',
    [transactionId],
  );
  return result.rows[0];
}

describe('ledger processor (real Kafka, PostgreSQL, Redis)', () => {
  it('applies credits and debits in order and rejects an overdraft with a reason', async () => {
    const accountId = await createAccount(pool);
    const credit = command(accountId, 'credit', '100.10');
    const debit = command(accountId, 'debit', '30.05');
    const overdraft = command(accountId, 'debit', '70.06');
    for (const record of [credit, debit, overdraft]) await send(accountId, JSON.stringify(record));
    const last = await waitUntil('overdraft verdict', () => statusOf(overdraft.data.transactionId));
    expect(await statusOf(credit.data.transactionId)).toMatchObject({ status: 'completed', balance_after: '100.1000' });
    expect(await statusOf(debit.data.transactionId)).toMatchObject({ status: 'completed', balance_after: '70.0500' });
    expect(last).toMatchObject({ status: 'rejected', reason: 'insufficient_funds', balance_after: '70.0500' });
    expect(await settledBalance(accountId, '70.0500')).toBe('70.0500');
  });

  it('sends poison records to the DLQ with the reason and goes on with the valid ones', async () => {
    const accountId = await createAccount(pool);
    const dlq: Consumer = kafka.consumer({ groupId: `test-dlq-${accountId}` });
    await dlq.connect();
    await dlq.subscribe({ topic: topicName(TOPICS.ledgerDlq, env.topicPrefix), fromBeginning: true });
    const letters: { key: string; error: string; offset: string }[] = [];
    await dlq.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== accountId) return;
        letters.push({
          key: accountId,
          error: String(message.headers?.['dlq.error']),
          offset: String(message.headers?.['dlq.source.offset']),
        });
      },
    });
    const bad = command(accountId, 'credit', '5.00') as Record<string, unknown>;
    await send(accountId, '{not json');
    await send(accountId, JSON.stringify({ ...bad, version: 99 }));
    const good = command(accountId, 'credit', '5.00');
    await send(accountId, JSON.stringify(good));
    await waitUntil('valid record applied', () => statusOf(good.data.transactionId));
    await waitUntil('two dead letters', async () => (letters.length >= 2 ? letters : null));
    await dlq.disconnect();
    expect(letters.map((letter) => letter.error)).toEqual([
      expect.stringContaining('invalid JSON'),
      expect.stringContaining('schema violation'),
    ]);
    expect(await settledBalance(accountId, '5.0000')).toBe('5.0000');
  });

  it('applies a redelivered command once (idempotent by transaction id)', async () => {
    const accountId = await createAccount(pool);
    const credit = command(accountId, 'credit', '10.00');
    await send(accountId, JSON.stringify(credit));
    await send(accountId, JSON.stringify({ ...credit, eventId: crypto.randomUUID() }));
    const marker = command(accountId, 'credit', '0.01');
    await send(accountId, JSON.stringify(marker));
    await waitUntil('marker applied', () => statusOf(marker.data.transactionId));
    expect(await settledBalance(accountId, '10.0100')).toBe('10.0100');
  });

  it('never lets 50 parallel debits take an account past its limit', async () => {
    const accountId = await createAccount(pool, 'USD', '20');
    const credit = command(accountId, 'credit', '100.00');
    await send(accountId, JSON.stringify(credit));
    const debits = Array.from({ length: 50 }, () => command(accountId, 'debit', '3.00'));
    await Promise.all(debits.map((debit) => send(accountId, JSON.stringify(debit))));
    const statuses = await Promise.all(
      debits.map((debit) => waitUntil('debit verdict', () => statusOf(debit.data.transactionId))),
    );
    const completed = statuses.filter((status) => status.status === 'completed').length;
    expect(completed).toBe(40);
    expect(statuses.filter((status) => status.reason === 'insufficient_funds')).toHaveLength(10);
    expect(await settledBalance(accountId, '-20.0000')).toBe('-20.0000');
  });
});
