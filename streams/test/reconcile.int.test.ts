import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TOPICS, topicName } from '@billstream/contracts';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { command, createAccount, kafkaClient, testEnv, waitUntil } from './helpers.ts';

const env = testEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RECONCILE_ATTEMPTS_MAX = 30;

afterAll(async () => {
  await pool.end();
});

function reconcile() {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'streams/src/cli.ts', 'reconcile'], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

/** The ledger may still be applying other tests' commands: a true mismatch persists, a lag does not. */
async function reconcileWhenIdle() {
  let result = reconcile();
  for (let attempt = 1; attempt < RECONCILE_ATTEMPTS_MAX && result.code !== 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    result = reconcile();
  }
  return result;
}

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
    const clean = await reconcileWhenIdle();
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
