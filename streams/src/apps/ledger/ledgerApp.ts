import {
  type CurrencyCode,
  formatMoney,
  TOPICS,
  type TransactionEvent,
  TransactionRequested,
  topicName,
} from '@billstream/contracts';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type pg from 'pg';
import type { AppContext, AppDefinition, RunningApp } from '../../runtime/app.ts';
import { type DeadLetter, sendDeadLetters } from '../../runtime/deadLetter.ts';
import { decodeRecord } from '../../runtime/decode.ts';
import { type BalanceWrite, writeLedgerViews } from './balanceView.ts';
import { eventFromRow, outcomeEvent } from './ledgerEvents.ts';
import { applyCommand, loadTransactions, lockNextOffset, saveNextOffset } from './ledgerStore.ts';

/** Records applied in one PostgreSQL transaction; bounds lock time and memory. */
const BATCH_RECORDS_MAX = 500;
/**
 * Offsets only mean something within one Kafka cluster: a fresh broker (say,
 * `.data/kafka` deleted) restarts every partition at offset 0. Keying the
 * stored offsets by cluster id makes a new cluster start from its beginning
 * instead of silently skipping its first records.
 */
function viewName(clusterId: string): string {
  if (clusterId.length === 0) throw new Error('empty Kafka cluster id');
  return `ledger@${clusterId}`;
}

interface BatchResult {
  readonly events: TransactionEvent[];
  readonly balances: BalanceWrite[];
  readonly deadLetters: DeadLetter[];
}

/**
 * Applies a chunk of one partition in one PostgreSQL transaction together with
 * the partition's next offset. A crash before COMMIT applies nothing; a replay
 * after COMMIT finds the offset already past these records and only announces
 * their stored verdicts again. PostgreSQL effects are therefore exactly-once.
 */
async function applyChunk(
  pool: pg.Pool,
  view: string,
  topic: string,
  partition: number,
  messages: KafkaMessage[],
): Promise<BatchResult> {
  if (messages.length === 0 || messages.length > BATCH_RECORDS_MAX)
    throw new Error(`chunk of ${messages.length} records`);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const nextOffset = await lockNextOffset(client, view, topic, partition);
    const result: BatchResult = { events: [], balances: [], deadLetters: [] };
    const replayed: string[] = [];
    const accounts = new Set<string>();
    for (const message of messages) {
      const decoded = decodeRecord(TransactionRequested, message.value);
      if (BigInt(message.offset) < nextOffset) {
        if (decoded.ok) replayed.push(decoded.value.data.transactionId);
        if (decoded.ok) accounts.add(decoded.value.data.accountId);
        continue;
      }
      if (!decoded.ok) {
        result.deadLetters.push({ topic, partition, message, reason: decoded.reason });
        continue;
      }
      const applied = await applyCommand(client, decoded.value);
      accounts.add(decoded.value.data.accountId);
      if (applied === 'duplicate') replayed.push(decoded.value.data.transactionId);
      else result.events.push(outcomeEvent(applied));
    }
    const last = BigInt(messages[messages.length - 1]!.offset);
    if (last + 1n > nextOffset) await saveNextOffset(client, view, topic, partition, last + 1n);
    result.events.push(...(await loadTransactions(client, replayed)).map(eventFromRow));
    result.balances.push(...(await currentBalances(client, [...accounts])));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function currentBalances(client: pg.PoolClient, accountIds: string[]): Promise<BalanceWrite[]> {
  if (accountIds.length === 0) return [];
  const rows = await client.query<{ id: string; balance: string; version: string; currency: string }>(
    'SELECT id, balance::text, version::text, currency FROM billing_accounts WHERE id = ANY($1::uuid[])',
    [accountIds],
  );
  return rows.rows.map((row) => ({
    accountId: row.id,
    version: Number(row.version),
    balance: formatMoney(row.balance, row.currency as CurrencyCode),
    currency: row.currency,
  }));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

async function handleBatch(
  context: AppContext,
  view: string,
  producer: Producer,
  consumer: Consumer,
  payload: EachBatchPayload,
): Promise<void> {
  const { batch } = payload;
  const { topicPrefix } = context.config;
  const eventsTopic = topicName(TOPICS.transactionEvents, topicPrefix);
  for (const chunk of chunks(batch.messages, BATCH_RECORDS_MAX)) {
    if (!payload.isRunning() || payload.isStale()) return;
    const result = await applyChunk(context.clients.pool, view, batch.topic, batch.partition, chunk);
    await sendDeadLetters(producer, topicName(TOPICS.ledgerDlq, topicPrefix), result.deadLetters);
    if (result.events.length > 0) {
      await producer.send({
        topic: eventsTopic,
        acks: -1,
        messages: result.events.map((event) => ({
          key: event.data.accountId,
          value: JSON.stringify(event),
          headers: { 'event-type': event.type },
        })),
      });
    }
    await writeLedgerViews(context.clients.redis, result.balances, result.events);
    const last = chunk[chunk.length - 1]!.offset;
    payload.resolveOffset(last);
    // Kafka's committed offset only shortens replays; stream_offsets in PostgreSQL is the authority.
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    context.metrics.inc('streams_records_in_total', { topic: batch.topic }, chunk.length);
    context.metrics.inc('streams_records_out_total', { topic: eventsTopic }, result.events.length);
    context.metrics.inc('streams_dlq_records_total', {}, result.deadLetters.length);
    context.metrics.set('streams_last_commit_timestamp_seconds', {}, Date.now() / 1000);
    await payload.heartbeat();
  }
}

function defineMetrics(context: AppContext): void {
  context.metrics.define('streams_records_in_total', 'counter', 'Records consumed per topic');
  context.metrics.define('streams_records_out_total', 'counter', 'Records produced per topic');
  context.metrics.define('streams_dlq_records_total', 'counter', 'Records sent to the dead-letter topic');
  context.metrics.define('streams_rebalances_total', 'counter', 'Consumer group joins');
  context.metrics.define('streams_last_commit_timestamp_seconds', 'gauge', 'Time of the last committed batch');
}

async function start(context: AppContext): Promise<RunningApp> {
  const { kafka } = context.clients;
  defineMetrics(context);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer: Consumer = kafka.consumer({
    groupId: `${context.config.topicPrefix}billstream-ledger`,
    readUncommitted: false,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 30_000 },
  });
  consumer.on(consumer.events.GROUP_JOIN, () => {
    context.metrics.inc('streams_rebalances_total');
    context.setReady(true);
  });
  consumer.on(consumer.events.CRASH, (event) =>
    context.clients.log.error({ err: event.payload.error }, 'consumer crashed'),
  );
  await producer.connect();
  const admin = kafka.admin();
  await admin.connect();
  const view = viewName((await admin.describeCluster()).clusterId);
  await admin.disconnect();
  await consumer.connect();
  await consumer.subscribe({
    topic: topicName(TOPICS.transactionCommands, context.config.topicPrefix),
    fromBeginning: true,
  });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 2,
    eachBatch: (payload) => handleBatch(context, view, producer, consumer, payload),
  });
  return {
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

export const ledgerApp: AppDefinition = {
  name: 'ledger',
  description: 'Applies credit/debit commands to account balances (PostgreSQL + Redis views, transaction-events)',
  defaultPort: 9002,
  start,
};
