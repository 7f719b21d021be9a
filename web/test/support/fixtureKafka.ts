// How fixtures announce what they wrote straight to the database: one
// producer per call (fixtures are rare), acks from all replicas, the same
// envelope the dev scripts use.
import { randomUUID } from 'node:crypto';
import { masterDataKey, TOPICS, topicName } from '@billstream/contracts';
import { Kafka, logLevel } from 'kafkajs';

export interface AnnouncedAccount {
  readonly id: string;
  readonly organizationId: string;
  readonly accountNumber: string;
  readonly currency: string;
  readonly status: 'active' | 'frozen';
}

/** The topic of `TOPICS` under this test run's prefix. */
export const fixtureTopic = (topic: keyof typeof TOPICS) =>
  topicName(TOPICS[topic], process.env.KAFKA_TOPIC_PREFIX ?? '');

/** An event envelope from the fixtures, stamped now. */
export function fixtureEvent(type: string, data: object, occurredAt = new Date().toISOString()) {
  return { eventId: randomUUID(), occurredAt, source: 'test-fixtures', version: 1, type, data };
}

/** The BillingAccountUpserted the ledger and the billing app learn an account from. */
export function accountUpserted(account: AnnouncedAccount, now = new Date().toISOString()) {
  const { id, organizationId, accountNumber, currency, status } = account;
  const data = { id, organizationId, accountNumber, currency, status, creditLimit: '0', updatedAt: now };
  return fixtureEvent('BillingAccountUpserted', data, now);
}

/** The master-data record of an account (keyed the way the billing app reads it). */
export function accountMasterData(event: ReturnType<typeof accountUpserted>) {
  return { key: masterDataKey('account', event.data.id), value: JSON.stringify(event) };
}

/** Sends the messages in one batch and waits for every replica's ack. */
export async function sendFixtures(topicMessages: { topic: string; messages: { key: string; value: string }[] }[]) {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set: the fixtures announce what they write');
  const producer = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId: 'test-fixtures' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.sendBatch({ acks: -1, topicMessages });
  } finally {
    await producer.disconnect();
  }
}
