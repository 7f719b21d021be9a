import { randomUUID } from 'node:crypto';
import { TOPICS, topicName, USAGE_EVENTS_BATCH_MAX } from '@billstream/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { endOffsets, readCommands } from './support/commandLog';
import { closeFixtures, createForeignOrganization, createOwnAccount } from './support/fixtures';
import { expectProblem, fieldNames } from './support/problem';
import { adminSession } from './support/session';

afterAll(closeFixtures);

const usageTopic = topicName(TOPICS.usageEvents, process.env.KAFKA_TOPIC_PREFIX ?? '');
const event = (customer: string, overrides: Record<string, unknown> = {}) => ({
  transactionId: `tx-${randomUUID()}`,
  customer,
  code: 'api_calls',
  timestamp: '2026-12-01T10:00:00Z',
  properties: { region: 'eu', bytes: 1024, amount: '12.34' },
  ...overrides,
});
const post = async <T>(path: string, body: unknown) => (await adminSession()).post<T>(path, body);

describe('usage ingestion (real web app and Kafka)', () => {
  it('accepts an event with 202 and produces it to usage-events keyed by account, properties as text', async () => {
    const account = await createOwnAccount();
    const body = event(account.id);
    const from = await endOffsets(usageTopic);
    const accepted = await post<{ transactionId: string; status: string }>('/api/v1/events', body);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ transactionId: body.transactionId, status: 'accepted' });
    // A duplicate is accepted too; the usage store counts it once (streams/test/usage.int.test.ts).
    expect((await post('/api/v1/events', body)).status).toBe(202);
    const records = (await readCommands(from, await endOffsets(usageTopic), 30_000, usageTopic)).filter((record) =>
      record.value.includes(body.transactionId),
    );
    expect(records).toHaveLength(2);
    expect(records[0]!.key).toBe(account.id);
    expect(JSON.parse(records[0]!.value)).toMatchObject({
      type: 'UsageEventReceived',
      data: {
        organizationId: account.organizationId,
        accountId: account.id,
        transactionId: body.transactionId,
        properties: { region: 'eu', bytes: '1024', amount: '12.34' },
      },
    });
  });

  it('refuses a bad event naming each field, and another organization’s account as not found', async () => {
    const bad = await post('/api/v1/events', { transactionId: '', customer: 'nope', code: 'Bad Code', extra: 1 });
    expect(fieldNames(expectProblem(bad, 422))).toEqual(
      expect.arrayContaining(['body.code', 'body.customer', 'body.extra', 'body.transactionId']),
    );
    const foreign = await createForeignOrganization();
    expectProblem(await post('/api/v1/events', event(foreign.accountId)), 404);
  });

  it('answers a batch item by item: a bad item is rejected by index and the others are produced', async () => {
    const account = await createOwnAccount();
    const good = [event(account.id), event(account.id)];
    const from = await endOffsets(usageTopic);
    const response = await post<{ accepted: number; rejected: number; results: unknown[] }>('/api/v1/events/batch', {
      events: [good[0], { ...event(account.id), timestamp: 'yesterday' }, good[1]],
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      accepted: 2,
      rejected: 1,
      results: [
        { index: 0, transactionId: good[0]!.transactionId, status: 'accepted' },
        { index: 1, status: 'rejected', errors: [{ name: 'body.events.1.timestamp', reason: expect.any(String) }] },
        { index: 2, transactionId: good[1]!.transactionId, status: 'accepted' },
      ],
    });
    const records = await readCommands(from, await endOffsets(usageTopic), 30_000, usageTopic);
    const produced = records.map((record) => JSON.parse(record.value).data.transactionId);
    expect(produced).toEqual(expect.arrayContaining(good.map((item) => item.transactionId)));
  });

  it(`refuses a batch of more than ${USAGE_EVENTS_BATCH_MAX} events as a whole`, async () => {
    const account = await createOwnAccount();
    const events = Array.from({ length: USAGE_EVENTS_BATCH_MAX + 1 }, () => event(account.id));
    expect(fieldNames(expectProblem(await post('/api/v1/events/batch', { events }), 422))).toEqual(['body.events']);
  });
});
