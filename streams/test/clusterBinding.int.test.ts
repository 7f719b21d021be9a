import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { TOPICS, topicName } from '@billstream/contracts';
import { createTestDatabase, type TestDatabase } from '@billstream/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics } from '../../scripts/dev/topics.ts';
import { LEDGER_VIEWS } from '../src/apps/ledger/ledgerTopology.ts';
import { ClusterMismatchError, describeClusterId } from '../src/runtime/kafka/clusterBinding.ts';
import { viewTopicName } from '../src/runtime/kafka/topologyRunner.ts';
import { applyPostgres } from '../src/runtime/kafka/viewSink.ts';
import { command, createAccount, createOrganization, kafkaClient, testEnv, waitUntil } from './helpers.ts';
import { appEnv, appLogs, freePorts, spawnApp } from './sumsHarness.ts';

// The second-clone case: a database whose views another Kafka cluster built
// (its offsets tagged with that cluster's id) meets this broker. A database
// and a topic prefix of the test's own, so the shared processors never see it.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OTHER_CLUSTER_ID = 'other-clone-cluster-id';
/** The old cluster's position: far past anything this cluster's fresh view topics hold. */
const OTHER_NEXT_OFFSET = '1000';
/** Polls of 100 ms (waitUntil): a refused start exits within the broker handshake; a start restores little. */
const POLLS_MAX = 900;
/** Two processor starts and a rebuild of every view: on a loaded two-core machine this took up to two minutes. */
const TEST_TIMEOUT_MS = 300_000;

const env = testEnv();
const kafka = kafkaClient(env.kafkaBrokers);
const prefix = `${env.topicPrefix}cb${crypto.randomBytes(3).toString('hex')}-`;
const appId = `${prefix}ledger`;
const balancesView = `${appId}:${LEDGER_VIEWS.balances}`;
const balancesTopic = viewTopicName(appId, LEDGER_VIEWS.balances);
let database: TestDatabase;
let pool: pg.Pool;
let clusterId: string;
const children: ChildProcess[] = [];

function ledgerEnv(port: number): Record<string, string> {
  return appEnv({ ...env, databaseUrl: database.url }, prefix, { STREAMS_HTTP_PORT: String(port) });
}

async function exitCode(child: ChildProcess): Promise<number> {
  return waitUntil('the processor to exit', async () => child.exitCode ?? undefined, POLLS_MAX);
}

async function balanceOf(accountId: string): Promise<string | undefined> {
  const result = await pool.query<{ balance: string }>('SELECT balance::text FROM billing_accounts WHERE id = $1', [
    accountId,
  ]);
  return result.rows[0]?.balance;
}

beforeAll(async () => {
  database = await createTestDatabase({ adminUrl: env.databaseUrl, migrate: true });
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  await ensureTopics(env.kafkaBrokers, prefix, 1);
  clusterId = await describeClusterId(kafka);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await pool?.end();
  await database?.drop();
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => {});
  const groups = (await admin.listGroups()).groups.filter((group) => group.groupId.startsWith(prefix));
  if (groups.length > 0) await admin.deleteGroups(groups.map((group) => group.groupId)).catch(() => {});
  await admin.disconnect();
});

describe('views and Kafka must belong to the same cluster', () => {
  it(
    'refuses another cluster’s views, rebuilds them on reset-views, then applies new records',
    async () => {
      const organizationId = await createOrganization(pool);
      const accountId = await createAccount(pool, 'USD', '0', kafka, organizationId, prefix);
      // What the other clone's ledger left: a balance and offsets of its cluster.
      await pool.query(
        'UPDATE billing_accounts SET balance = 500, available_balance = 500, version = 7 WHERE id = $1',
        [accountId],
      );
      await pool.query(
        `INSERT INTO stream_offsets (view, topic, partition, next_offset, cluster_id) VALUES ($1, $2, 0, $3, $4)`,
        [balancesView, balancesTopic, OTHER_NEXT_OFFSET, OTHER_CLUSTER_ID],
      );

      // The sink itself never trusts the other cluster's offsets: it throws, it does not skip.
      const applied: unknown[] = [];
      const handler = {
        apply: async (_client: unknown, rows: readonly unknown[]) => void applied.push(...rows),
        truncate: async () => {},
      };
      const row = { key: accountId, value: null, timestampMs: Date.now(), source: null, partition: 0, offset: 0n };
      await expect(
        applyPostgres(pool, clusterId, balancesView, balancesTopic, 0, [row], handler),
      ).rejects.toBeInstanceOf(ClusterMismatchError);
      expect(applied).toEqual([]);

      // The processor refuses to start and names both clusters and the way out.
      const [refusedPort, runningPort] = await freePorts(2);
      const refused = spawnApp('ledger', ledgerEnv(refusedPort!), refusedPort!);
      children.push(refused);
      expect(await exitCode(refused)).toBe(1);
      const output = appLogs.get(refused.pid!)!.join('\n');
      expect(output).toContain(OTHER_CLUSTER_ID);
      expect(output).toContain(clusterId);
      expect(output).toContain('npm run reset-views');
      expect(await balanceOf(accountId)).toBe('500.0000');

      const reset = spawnSync(process.execPath, ['--import', 'tsx', 'streams/src/cli.ts', 'reset-views'], {
        cwd: ROOT,
        env: { ...process.env, ...ledgerEnv(runningPort!) },
        encoding: 'utf8',
      });
      expect(reset.status, reset.stderr).toBe(0);
      expect(reset.stdout).toContain(
        `rebuilt ${LEDGER_VIEWS.balances} (ledger): 0 rows from Kafka cluster ${clusterId}`,
      );
      const foreign = await pool.query('SELECT 1 FROM stream_offsets WHERE cluster_id IS DISTINCT FROM $1', [
        clusterId,
      ]);
      expect(foreign.rowCount).toBe(0);
      // Only the old cluster knew the 500: this cluster has no record of it.
      expect(await balanceOf(accountId)).toBe('0.0000');

      // A new record of this cluster (offset 0 of its view topic) is applied, not skipped.
      const running = spawnApp('ledger', ledgerEnv(runningPort!), runningPort!);
      children.push(running);
      await waitUntil(
        'the ledger to be ready',
        async () => {
          const response = await fetch(`http://127.0.0.1:${runningPort}/readyz`).catch(() => null);
          return response?.ok ? true : undefined;
        },
        POLLS_MAX,
      );
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({
        topic: topicName(TOPICS.transactionCommands, prefix),
        acks: -1,
        messages: [{ key: accountId, value: JSON.stringify(command(accountId, 'credit', '25.00')) }],
      });
      await producer.disconnect();
      await waitUntil(
        'the credit in the balances view',
        async () => ((await balanceOf(accountId)) === '25.0000' ? true : undefined),
        POLLS_MAX,
      );
      const offsets = await pool.query<{ cluster_id: string }>(
        'SELECT cluster_id FROM stream_offsets WHERE view = $1 AND next_offset > 0',
        [balancesView],
      );
      expect(offsets.rows.map((entry) => entry.cluster_id)).toEqual([clusterId]);
      running.kill('SIGTERM');
      expect(await exitCode(running)).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
