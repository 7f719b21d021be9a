import { randomUUID } from 'node:crypto';
import { TOPICS, type TransactionResource, topicName } from '@billstream/contracts';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anActiveAccount, pollUntil, postTransaction } from './support/api';
import { endOffsets, findRecord, readCommands } from './support/commandLog';
import { createOwnAccount, db } from './support/fixtures';
import { sendCreateInvoice } from './support/invoices';
import { expectProblem } from './support/problem';
import { adminSession, type Session } from './support/session';

/**
 * No record can stop a stream: results out of the money range are business
 * rejections, a record that throws is retried, dead-lettered and announced as
 * failed, and in every case the processor stays ready, never restarts, and
 * applies the next command. Runs against the real processors of `npm test`.
 */

const MAX = '999999999999999.99';
const WAIT_ATTEMPTS_MAX = 300;
const POLL_MS = 100;
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';

interface Accepted {
  id: string;
  links: { self: string };
}

function processorUrl(app: 'LEDGER' | 'BILLING'): string {
  const port = process.env[`${app}_PORT`];
  if (!port) throw new Error(`${app}_PORT is not set`);
  return `http://127.0.0.1:${port}`;
}

/** The sum of a counter over all its label sets, from the processor's /metrics. */
async function counter(app: 'LEDGER' | 'BILLING', name: string): Promise<number> {
  const text = await (await fetch(`${processorUrl(app)}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

async function readyStatus(app: 'LEDGER' | 'BILLING'): Promise<number> {
  return (await fetch(`${processorUrl(app)}/readyz`)).status;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < WAIT_ATTEMPTS_MAX; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what} did not happen`);
}

async function produce(topic: string, key: string, value: string): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const producer = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId: 'test-poison' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  } finally {
    await producer.disconnect();
  }
}

let admin: Session;
let organizationId: string;
let redis: Redis;

beforeAll(async () => {
  admin = await adminSession();
  const me = await admin.get<{ organization: { id: string } }>('/api/auth/session');
  organizationId = me.body.organization.id;
  redis = new Redis(process.env.REDIS_URL!);
});

afterAll(async () => {
  await redis?.quit();
});

async function credit(accountId: string, currency: string, amount: string) {
  const accepted = await postTransaction<Accepted>({ accountId, type: 'credit', amount, currency });
  expect(accepted.status).toBe(202);
  return pollUntil<TransactionResource>(accepted.body.links.self, (r) => r.body.status !== 'pending');
}

describe('the ledger under overflowing credits', () => {
  it('rejects both overflowing credits, stays ready without restarting, and completes the next credit', async () => {
    const restartsBefore = await counter('LEDGER', 'streams_restarts_total');
    const account = await createOwnAccount();
    expect((await credit(account.id, 'USD', '5.00')).body.status).toBe('completed');
    const verdicts = await Promise.all([credit(account.id, 'USD', MAX), credit(account.id, 'USD', MAX)]);
    for (const verdict of verdicts) {
      expect(verdict.body).toMatchObject({ status: 'rejected', reason: 'amount_out_of_range', balanceAfter: '5.00' });
    }
    expect((await credit(account.id, 'USD', '1.00')).body).toMatchObject({ status: 'completed', balanceAfter: '6.00' });
    expect(await readyStatus('LEDGER')).toBe(200);
    expect(await counter('LEDGER', 'streams_restarts_total')).toBe(restartsBefore);
  });
});

describe('billing under an overflowing invoice line', () => {
  it('the API refuses the line with 422 naming it, and nothing is produced', async () => {
    const account = await anActiveAccount();
    const before = await endOffsets(topicName(TOPICS.billingCommands, prefix));
    const response = await admin.post(
      '/api/v1/invoices',
      {
        accountId: account.id,
        priceMode: 'tax_exclusive',
        draft: false,
        discounts: [],
        lines: [
          { description: 'fine', quantity: '1', unitPrice: '1.00', taxCategory: 'zero' },
          { description: 'huge', quantity: '999999999999999', unitPrice: MAX, taxCategory: 'zero' },
        ],
      },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    const problem = expectProblem(response, 422);
    expect(problem.type).toMatch(/amount-out-of-range$/);
    expect(problem.errors?.map((field) => field.name)).toEqual(['body.lines.1']);
    const after = await endOffsets(topicName(TOPICS.billingCommands, prefix));
    expect(await readCommands(before, after, 30_000, topicName(TOPICS.billingCommands, prefix))).toEqual([]);
  });

  it('the processor rejects one that reaches it (amount_out_of_range), stays ready and issues the next invoice', async () => {
    const restartsBefore = await counter('BILLING', 'streams_restarts_total');
    const account = await anActiveAccount();
    const huge = { description: 'huge', quantity: '999999999999999', unitPrice: MAX, taxCategory: 'zero' };
    const refused = await sendCreateInvoice(organizationId, account.id, account.currency, [huge]);
    const rejection = await waitFor('the billing rejection', async () => {
      const fields = await redis.hgetall(`bs:billing-rejection:${refused}`);
      return fields.reason ? fields : undefined;
    });
    expect(rejection.reason).toBe('amount_out_of_range');
    const fine = { description: 'fine', quantity: '1', unitPrice: '2.00', taxCategory: 'zero' };
    const next = await sendCreateInvoice(organizationId, account.id, account.currency, [fine]);
    const issued = await pollUntil<{ status: string }>(`/api/v1/invoices/${next}`, (r) => r.status === 200);
    expect(issued.body.status).toBe('open');
    expect(await readyStatus('BILLING')).toBe(200);
    expect(await counter('BILLING', 'streams_restarts_total')).toBe(restartsBefore);
  });
});

describe('a record no processor can apply', () => {
  it('is dead-lettered with its reason, reads failed through the API, and the ledger goes on', async () => {
    const restartsBefore = await counter('LEDGER', 'streams_restarts_total');
    const dlqBefore = await counter('LEDGER', 'streams_dlq_records_total');
    const account = await createOwnAccount();
    const transactionId = randomUUID();
    const requestedAt = new Date().toISOString();
    // The API would refuse 0.001 USD; a foreign producer need not. The web app's pending record is what
    // an accepted command leaves behind, so GET answers for it.
    const pendingKey = ['billstream', prefix || 'default', 'transaction', 'pending', transactionId].join(':');
    const pending = {
      transactionId,
      organizationId,
      accountId: account.id,
      type: 'credit',
      amount: '0.001',
      currency: 'USD',
      requestedAt,
    };
    await redis.set(pendingKey, JSON.stringify(pending), 'EX', 3_600);
    const command = {
      eventId: randomUUID(),
      occurredAt: requestedAt,
      source: 'test',
      type: 'TransactionRequested',
      version: 1,
      data: { transactionId, accountId: account.id, type: 'credit', amount: '0.001', currency: 'USD' },
    };
    const dlq = `${prefix}ledger-dlq`;
    await produce(topicName(TOPICS.transactionCommands, prefix), account.id, JSON.stringify(command));

    const failed = await pollUntil<TransactionResource>(
      `/api/v1/transactions/${transactionId}`,
      (r) => r.body.status !== 'pending',
    );
    expect(failed.body).toMatchObject({
      status: 'failed',
      failure: { type: expect.stringMatching(/command-failed$/), detail: expect.stringContaining('schema violation') },
    });
    const letter = await findRecord(dlq, (record) => record.value.includes(transactionId));
    expect(letter.headers['dlq.error']).toContain('schema violation');
    expect(letter.headers['dlq.source.topic']).toBe(topicName(TOPICS.transactionCommands, prefix));
    expect(await counter('LEDGER', 'streams_dlq_records_total')).toBeGreaterThan(dlqBefore);

    expect((await credit(account.id, 'USD', '1.00')).body.status).toBe('completed');
    expect(await readyStatus('LEDGER')).toBe(200);
    expect(await counter('LEDGER', 'streams_restarts_total')).toBe(restartsBefore);
  });

  it('a record whose processing throws is retried, dead-lettered, and later commands of the account complete', async () => {
    const restartsBefore = await counter('LEDGER', 'streams_restarts_total');
    const account = await createOwnAccount();
    const accountNumber = (await db().billingAccount.findUniqueOrThrow({ where: { id: account.id } })).accountNumber;
    const dlq = `${prefix}ledger-dlq`;
    // An account may never change currency: the ledger throws on this upsert (a programmer-error guard).
    const upsert = {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      source: 'test',
      type: 'BillingAccountUpserted',
      version: 1,
      data: {
        id: account.id,
        organizationId,
        accountNumber,
        currency: 'EUR',
        status: 'active',
        creditLimit: '0',
        updatedAt: new Date().toISOString(),
      },
    };
    await produce(topicName(TOPICS.transactionCommands, prefix), account.id, JSON.stringify(upsert));
    const letter = await findRecord(dlq, (record) => record.value.includes(upsert.eventId));
    expect(letter.headers['dlq.error']).toMatch(/processing failed after \d+ attempts: .*cannot change currency/);
    expect((await credit(account.id, 'USD', '1.00')).body.status).toBe('completed');
    expect(await readyStatus('LEDGER')).toBe(200);
    expect(await counter('LEDGER', 'streams_restarts_total')).toBe(restartsBefore);
  });
});

describe('a view record no sink can store', () => {
  it('is dead-lettered with its reason and the view goes on for later commands', async () => {
    const topic = `${prefix}ledger-ledger_balances-view`;
    const partitions = (await endOffsets(topic)).size;
    const tag = randomUUID();
    // Not JSON at all, and JSON that is no balance row (the PostgreSQL and Redis writers both refuse it).
    const junk = [`{oops ${tag}`, JSON.stringify({ key: tag, value: { tag }, timestampMs: 0, source: null })];
    const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
    const producer = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId: 'test-poison' }).producer();
    await producer.connect();
    try {
      const messages = [...Array(partitions).keys()].flatMap((partition) =>
        junk.map((value) => ({ key: JSON.stringify(tag), value, partition })),
      );
      await producer.send({ topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
    const account = await createOwnAccount();
    expect((await credit(account.id, 'USD', '3.00')).body.status).toBe('completed');
    const balance = await waitFor('the balance view', async () => {
      const row = await db().billingAccount.findUniqueOrThrow({ where: { id: account.id } });
      return row.balance.toFixed(2) === '3.00' ? row.balance.toFixed(2) : undefined;
    });
    expect(balance).toBe('3.00');
    const letter = await findRecord(`${prefix}ledger-dlq`, (record) => record.value.includes(tag));
    expect(letter.headers['dlq.error']).toMatch(/^view ledger_balances \((postgres|redis)\) cannot store this record/);
    expect(letter.headers['dlq.source.topic']).toBe(topic);
  });
});
