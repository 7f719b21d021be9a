import { MasterDataEvent, parseMasterDataKey, TOPICS, topicName } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { serverConfig } from '../../utils/config';
import { useDb } from '../../utils/db';
import { produceBatchDurably } from '../../utils/kafka';

/**
 * Publishing master data without losing a change: the transactional outbox.
 *
 * A change and its master-data record are written in ONE database
 * transaction (the record into master_data_outbox). After the commit the
 * request drains the outbox: it produces the rows to the compacted topic
 * with acks=all and deletes them only once the broker has them. A crash or a
 * broker outage between commit and produce leaves the rows behind, and the
 * next drain (the next change, or the periodic drain of
 * server/plugins/masterDataOutbox.ts) publishes them. We chose this over
 * "produce inside the open transaction, then commit" because that order
 * leaves a record for a change that never committed when the commit fails;
 * the outbox can only be late, and a re-publish of the same state is
 * harmless on a compacted topic keyed by id.
 *
 * Order: drains hold one PostgreSQL advisory lock, so exactly one drainer
 * sends at a time, in id order; changes of one row take its row lock first,
 * so their outbox ids follow commit order, and the idempotent producer with
 * one request in flight keeps that order on the partition.
 */

/** Outbox rows published per produce request. */
export const OUTBOX_BATCH_MAX = 500;
/** Batches one drain call publishes before it yields to the caller. */
export const OUTBOX_BATCHES_PER_DRAIN_MAX = 20;
/** Arbitrary constant naming the drain lock among the database's advisory locks. */
const OUTBOX_LOCK_ID = 7_020_261_206;

export interface MasterDataRecord {
  readonly organizationId: string;
  /** `<kind>:<id>` from masterDataKey / configurationKey. */
  readonly key: string;
  /** The event, or null for a tombstone (the object was deleted). */
  readonly value: MasterDataEvent | null;
}

/** Writes records into the outbox inside the caller's transaction. Invalid records are bugs. */
export async function enqueueRecords(tx: Prisma.TransactionClient, records: readonly MasterDataRecord[]) {
  for (const record of records) {
    if (!parseMasterDataKey(record.key)) throw new Error(`malformed master-data key ${record.key}`);
    // Validate on produce: a record the consumers would reject is never written.
    if (record.value !== null) MasterDataEvent.parse(record.value);
  }
  await tx.masterDataOutbox.createMany({
    data: records.map((record) => ({
      organizationId: record.organizationId,
      recordKey: record.key,
      recordValue: record.value === null ? null : JSON.stringify(record.value),
    })),
  });
}

async function drainBatch(wait: boolean): Promise<number> {
  const topic = topicName(TOPICS.masterData, serverConfig().kafkaTopicPrefix);
  return useDb().$transaction(
    async (tx) => {
      // A request waits for a concurrent drain: once it holds the lock, its
      // own rows are either published already or still here for it. The
      // periodic drain does not wait: someone else is draining.
      if (wait) {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_ID})`);
      } else {
        const [row] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock(${OUTBOX_LOCK_ID}) AS locked`,
        );
        if (!row?.locked) return 0;
      }
      const rows = await tx.masterDataOutbox.findMany({ orderBy: { id: 'asc' }, take: OUTBOX_BATCH_MAX });
      if (rows.length === 0) return 0;
      await produceBatchDurably(
        topic,
        rows.map((row) => ({
          key: row.recordKey,
          value: row.recordValue,
          headers: row.recordValue === null ? { 'event-type': 'tombstone' } : {},
        })),
      );
      await tx.masterDataOutbox.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      return rows.length;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/**
 * Publishes pending outbox rows in order (at most OUTBOX_BATCHES_PER_DRAIN_MAX
 * batches). Throws when Kafka or PostgreSQL fails; the rows then stay for the
 * next drain.
 */
export async function drainMasterDataOutbox(options: { wait?: boolean } = {}): Promise<number> {
  let published = 0;
  for (let batch = 0; batch < OUTBOX_BATCHES_PER_DRAIN_MAX; batch++) {
    const count = await drainBatch(options.wait ?? true);
    published += count;
    if (count < OUTBOX_BATCH_MAX) break;
  }
  return published;
}
