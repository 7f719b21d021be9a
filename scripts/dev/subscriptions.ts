import crypto from 'node:crypto';
import {
  type SubscriptionCommand,
  SubscriptionCommand as SubscriptionCommandSchema,
  TOPICS,
  topicName,
} from '@billstream/contracts';
import { DEMO_ORGANIZATION, SEED_PLANS, SEED_SUBSCRIPTIONS } from '@billstream/db';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

function command(type: SubscriptionCommand['type'], data: object): SubscriptionCommand {
  const now = new Date().toISOString();
  return SubscriptionCommandSchema.parse({
    eventId: crypto.randomUUID(),
    occurredAt: now,
    source: 'setup',
    type,
    version: 1,
    data: { ...data, organizationId: DEMO_ORGANIZATION.id, requestedAt: now },
  });
}

/**
 * Sends the demo plans and subscriptions to the subscriptions processor
 * (subscription-commands, keyed by organization, plans first so they are
 * known when the subscriptions arrive). A plan already in the plans view and
 * a subscription already in the subscriptions view are not sent again, so a
 * second `npm start` changes nothing.
 */
export async function publishSubscriptions(databaseUrl: string, brokers: string[], prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const known = await client
    .query<{ id: string }>('SELECT id FROM plans UNION ALL SELECT id FROM subscriptions')
    .finally(() => client.end());
  const seen = new Set(known.rows.map((row) => row.id));
  const commands = [
    ...SEED_PLANS.filter((plan) => !seen.has(plan.id)).map(({ id, ...plan }) =>
      command('UpsertPlan', { planId: id, ...plan, taxCategory: 'standard', active: true }),
    ),
    ...SEED_SUBSCRIPTIONS.filter((subscription) => !seen.has(subscription.id)).map(({ id, ...subscription }) =>
      command('CreateSubscription', { subscriptionId: id, ...subscription }),
    ),
  ];
  if (commands.length === 0) return 0;
  const producer = new Kafka({ brokers, logLevel: logLevel.WARN, clientId: 'billstream-setup' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.send({
      topic: topicName(TOPICS.subscriptionCommands, prefix),
      acks: -1,
      messages: commands.map((value) => ({ key: DEMO_ORGANIZATION.id, value: JSON.stringify(value) })),
    });
  } finally {
    await producer.disconnect();
  }
  return commands.length;
}
