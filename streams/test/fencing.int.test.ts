import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kafkaClient, testEnv } from './helpers.ts';

const env = testEnv();

/**
 * The runtime's zombie fencing rests on this KafkaJS behaviour: a producer's
 * transactional id is registered (epoch bumped, previous owner fenced) when its
 * first transaction begins — not on connect — so TaskRuntime.open() begins and
 * aborts an empty transaction before restoring. If KafkaJS changes, this fails.
 */
describe('transactional fencing (real Kafka)', () => {
  it('a new owner that began a transaction fences the old owner mid-transaction', async () => {
    const kafka = kafkaClient(env.kafkaBrokers);
    const topic = `${env.topicPrefix}fencing-${crypto.randomUUID().slice(0, 8)}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'min.insync.replicas', value: '1' }] }],
    });
    await admin.disconnect();
    const transactionalId = `${topic}-task-0_0`;
    const zombie = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
    await zombie.connect();
    const stale = await zombie.transaction();
    await stale.send({ topic, messages: [{ value: 'from the zombie' }] });
    const owner = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
    await owner.connect();
    await (await owner.transaction()).abort();
    await expect(stale.commit()).rejects.toThrow(/epoch|fenced/i);
    await owner.disconnect();
    await zombie.disconnect();
  }, 60_000);
});
