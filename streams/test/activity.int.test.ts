import crypto from 'node:crypto';
import { TOPICS, topicName } from '@billstream/contracts';
import type { Consumer, Producer } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaClient, testEnv, waitUntil } from './helpers.ts';

const env = testEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 4 });
const kafka = kafkaClient(env.kafkaBrokers);
let producer: Producer;
let organizationId: string;
let userId: string;
const userEvents = topicName(TOPICS.userEvents, env.topicPrefix);

function userEvent(action: string, overrides: Record<string, unknown> = {}) {
  return {
    eventId: crypto.randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'test',
    type: 'UserChanged',
    version: 1,
    data: {
      organizationId,
      userId,
      action,
      resource: 'user',
      resourceId: userId,
      ip: '127.0.0.1',
      metadata: { marker: crypto.randomUUID() },
      ...overrides,
    },
  };
}

async function send(key: string, value: string) {
  await producer.send({ topic: userEvents, acks: -1, messages: [{ key, value }] });
}

async function rowOf(id: string) {
  const result = await pool.query<{ action: string; user_id: string | null; metadata: Record<string, unknown> }>(
    'SELECT action, user_id::text, metadata FROM user_activity WHERE id = $1',
    [id],
  );
  return result.rows[0];
}

beforeAll(async () => {
  const user = await pool.query<{ id: string; organization_id: string }>(
    'SELECT id, organization_id FROM users ORDER BY created_at LIMIT 1',
  );
  if (!user.rows[0]) throw new Error('no user: the seed did not run');
  userId = user.rows[0].id;
  organizationId = user.rows[0].organization_id;
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

afterAll(async () => {
  await producer.disconnect();
  await pool.end();
});

describe('activity processor (real Kafka, PostgreSQL)', () => {
  it('materializes a user event into user_activity with the event id as row id, once', async () => {
    const event = userEvent('user.profile_updated');
    await send(userId, JSON.stringify(event));
    await send(userId, JSON.stringify(event));
    const marker = userEvent('user.profile_updated');
    await send(userId, JSON.stringify(marker));
    await waitUntil('marker row', () => rowOf(marker.eventId));
    expect(await rowOf(event.eventId)).toMatchObject({
      action: 'user.profile_updated',
      user_id: userId,
      metadata: { marker: event.data.metadata.marker, eventType: 'UserChanged' },
    });
    const count = await pool.query('SELECT count(*)::int AS n FROM user_activity WHERE id = $1', [event.eventId]);
    expect(count.rows[0].n).toBe(1);
  });

  it('stores an unknown user as NULL and skips an unknown organization instead of stalling', async () => {
    const ghost = userEvent('auth.login_failed', { userId: crypto.randomUUID() });
    const stray = userEvent('auth.login_failed', { organizationId: crypto.randomUUID() });
    const marker = userEvent('user.profile_updated');
    for (const event of [ghost, stray, marker]) await send(event.data.userId as string, JSON.stringify(event));
    await waitUntil('marker row', () => rowOf(marker.eventId));
    expect(await rowOf(ghost.eventId)).toMatchObject({ user_id: null });
    expect(await rowOf(stray.eventId)).toBeUndefined();
  });

  it('sends records that are not user events to activity-dlq with the reason and goes on', async () => {
    const key = `dlq-${crypto.randomUUID()}`;
    const dlq: Consumer = kafka.consumer({ groupId: `test-activity-dlq-${key}` });
    await dlq.connect();
    await dlq.subscribe({ topic: topicName(TOPICS.activityDlq, env.topicPrefix), fromBeginning: true });
    const letters: string[] = [];
    await dlq.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === key) letters.push(String(message.headers?.['dlq.error']));
      },
    });
    await send(key, '{not json');
    await send(key, JSON.stringify({ ...userEvent('auth.login'), type: 'UserExploded' }));
    const good = userEvent('user.profile_updated');
    await send(key, JSON.stringify(good));
    await waitUntil('valid record stored', () => rowOf(good.eventId));
    await waitUntil('two dead letters', async () => (letters.length >= 2 ? letters : null));
    await dlq.disconnect();
    expect(letters).toEqual([expect.stringContaining('invalid JSON'), expect.stringContaining('schema violation')]);
  });
});
