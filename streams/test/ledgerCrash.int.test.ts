import type { ChildProcess } from 'node:child_process';
import { money, TOPICS, topicName } from '@billstream/contracts';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { command, createAccount, kafkaClient, testEnv, waitUntil } from './helpers.ts';
import { reconcileWhenSettled } from './reconcileCli.ts';
import { appEnv, freePorts, metric, PRODUCE_BATCH_RECORDS, spawnApp } from './sumsHarness.ts';

const env = testEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
const ACCOUNTS = 12;
const COMMANDS = 3_000;
/** The ledger may still be applying other tests' commands: a true mismatch persists, a lag does not. */
const RECONCILE_ATTEMPTS_MAX = 60;
const [EXTRA_PORT] = (await freePorts(1)) as [number];
let extra: ChildProcess | null = null;

afterAll(async () => {
  extra?.kill('SIGKILL');
  await pool.end();
});

type Command = ReturnType<typeof command>;

/** Credits and debits over the accounts; debits big enough that some must be refused. */
function commands(accounts: readonly string[]): Command[] {
  return Array.from({ length: COMMANDS }, (_, seq) => {
    const accountId = accounts[seq % accounts.length]!;
    return seq % 3 === 2 ? command(accountId, 'debit', `${(seq % 7) + 1}.50`) : command(accountId, 'credit', '2.25');
  });
}

/** What the ledger must end with: each account's commands in order, a debit refused past the balance (limit 0). */
function expectedLedger(all: readonly Command[]) {
  const accounts = new Map<string, { balance: ReturnType<typeof money>; completed: number; rejected: number }>();
  for (const { data } of all) {
    const state = accounts.get(data.accountId) ?? { balance: money(0), completed: 0, rejected: 0 };
    const next = data.type === 'credit' ? state.balance.plus(data.amount) : state.balance.minus(data.amount);
    if (next.isNegative()) state.rejected += 1;
    else {
      state.balance = next;
      state.completed += 1;
    }
    accounts.set(data.accountId, state);
  }
  return accounts;
}

async function ledgerViews(accounts: readonly string[]) {
  const rows = await pool.query<{ id: string; balance: string; completed: string; rejected: string }>(
    `SELECT a.id, a.balance::text,
            (SELECT count(*) FROM transactions t WHERE t.account_id = a.id AND t.status = 'completed')::text AS completed,
            (SELECT count(*) FROM transactions t WHERE t.account_id = a.id AND t.status = 'rejected')::text AS rejected
       FROM billing_accounts a WHERE a.id = ANY($1::uuid[])`,
    [accounts],
  );
  return rows.rows;
}

/** Starts the second instance and waits (bounded) until the group has given it tasks. */
async function startExtraLedger(): Promise<ChildProcess> {
  const child = spawnApp('ledger', appEnv(env, env.topicPrefix, { STREAMS_COMMIT_INTERVAL_MS: '100' }), EXTRA_PORT);
  await waitUntil(
    'the second ledger instance to own tasks',
    async () => ((await metric(EXTRA_PORT, 'streams_assigned_tasks')) > 0 ? true : null),
    1_200,
  );
  return child;
}

describe('ledger crash (a second ledger instance killed with -9 mid-load)', () => {
  it('loses and doubles nothing, and `streams reconcile` passes afterwards', async () => {
    const kafka = kafkaClient(env.kafkaBrokers);
    const accounts: string[] = [];
    for (let index = 0; index < ACCOUNTS; index += 1) accounts.push(await createAccount(pool, 'USD', '0', kafka));
    const all = commands(accounts);
    const topic = topicName(TOPICS.transactionCommands, env.topicPrefix);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const send = async (slice: readonly Command[]) => {
      for (let from = 0; from < slice.length; from += PRODUCE_BATCH_RECORDS) {
        const batch = slice.slice(from, from + PRODUCE_BATCH_RECORDS);
        await producer.send({
          topic,
          acks: -1,
          messages: batch.map((c) => ({ key: c.data.accountId, value: JSON.stringify(c) })),
        });
      }
    };
    // A second instance joins the ledger's group and takes some of its tasks; it is killed mid-load twice.
    extra = await startExtraLedger();
    await send(all.slice(0, COMMANDS / 3));
    extra.kill('SIGKILL');
    extra = await startExtraLedger();
    await send(all.slice(COMMANDS / 3, (2 * COMMANDS) / 3));
    extra.kill('SIGKILL');
    extra = null;
    await send(all.slice((2 * COMMANDS) / 3));
    await producer.disconnect();

    const expected = expectedLedger(all);
    const views = await waitUntil(
      'every command in the views',
      async () => {
        const rows = await ledgerViews(accounts);
        const done = rows.reduce((n, row) => n + Number(row.completed) + Number(row.rejected), 0);
        return done >= COMMANDS ? rows : null;
      },
      1_800,
    );
    for (const row of views) {
      const want = expected.get(row.id)!;
      expect({
        id: row.id,
        balance: money(row.balance).toFixed(2),
        completed: Number(row.completed),
        rejected: Number(row.rejected),
      }).toEqual({
        id: row.id,
        balance: want.balance.toFixed(2),
        completed: want.completed,
        rejected: want.rejected,
      });
    }
    const result = await reconcileWhenSettled(RECONCILE_ATTEMPTS_MAX);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('reconciliation passed');
  }, 600_000);
});
