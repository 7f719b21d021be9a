import { TOPICS, topicName } from '@billstream/contracts';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { command, createAccount, kafkaClient, testEnv, waitUntil } from './helpers.ts';
import { reconcile, reconcileWhenSettled } from './reconcileCli.ts';

const env = testEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const RECONCILE_ATTEMPTS_MAX = 30;

afterAll(async () => {
  await pool.end();
});

describe('streams reconcile (real Kafka and PostgreSQL)', () => {
  it('passes on the live ledger views and fails, naming the account, when a balance is tampered with', async () => {
    const kafka = kafkaClient(env.kafkaBrokers);
    const accountId = await createAccount(pool, 'USD', '0', kafka);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const credit = command(accountId, 'credit', '12.34');
    await producer.send({
      topic: topicName(TOPICS.transactionCommands, env.topicPrefix),
      acks: -1,
      messages: [{ key: accountId, value: JSON.stringify(credit) }],
    });
    await producer.disconnect();
    await waitUntil('the credit in the views', async () => {
      const row = await pool.query('SELECT 1 FROM billing_accounts WHERE id = $1 AND balance = 12.34', [accountId]);
      return row.rowCount === 1 ? true : null;
    });
    const clean = await reconcileWhenSettled(RECONCILE_ATTEMPTS_MAX);
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toContain('reconciliation passed');
    await pool.query('UPDATE billing_accounts SET balance = balance + 0.01 WHERE id = $1', [accountId]);
    try {
      const tampered = reconcile();
      expect(tampered.code).toBe(1);
      expect(tampered.out).toContain(`MISMATCH account ${accountId}`);
      expect(tampered.out).toMatch(/MISMATCH USD/);
    } finally {
      await pool.query('UPDATE billing_accounts SET balance = balance - 0.01 WHERE id = $1', [accountId]);
    }
  }, 300_000);
});
