import { randomUUID } from 'node:crypto';
import {
  type ProblemField,
  TOPICS,
  topicName,
  UsageEventBody,
  type UsageEventItemResult,
  UsageEventReceived,
} from '@billstream/contracts';
import type { Message } from 'kafkajs';
import { serverConfig } from '../../utils/config';
import { useDb } from '../../utils/db';
import { produceBatchDurably, produceDurably } from '../../utils/kafka';
import { problems } from '../../utils/problem';
import { zodProblemFields } from '../../utils/validation';
import { EVENT_SOURCE } from '../transactions/buildTransactionRequested';

type Checked = { ok: true; event: UsageEventBody } | { ok: false; errors: ProblemField[] };

/** The organization's accounts among `ids`, in one query whatever the batch size. */
async function knownAccounts(organizationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await useDb().$queryRaw<{ id: string }[]>`
    SELECT id::text FROM billing_accounts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
  return new Set(rows.map((row) => row.id));
}

/** Validates each item on its own, then checks its customer is an account of this organization. */
async function checkItems(organizationId: string, items: readonly unknown[], location: (i: number) => string) {
  const parsed: Checked[] = items.map((item, index) => {
    const result = UsageEventBody.safeParse(item);
    return result.success
      ? { ok: true, event: result.data }
      : { ok: false, errors: zodProblemFields(result.error, location(index)) };
  });
  const customers = [...new Set(parsed.flatMap((item) => (item.ok ? [item.event.customer] : [])))];
  const known = await knownAccounts(organizationId, customers);
  return parsed.map((item, index): Checked => {
    if (!item.ok || known.has(item.event.customer)) return item;
    return { ok: false, errors: [{ name: `${location(index)}.customer`, reason: 'no such account' }] };
  });
}

function recordOf(organizationId: string, event: UsageEventBody, receivedAt: Date): Message {
  const record = UsageEventReceived.parse({
    eventId: randomUUID(),
    occurredAt: receivedAt.toISOString(),
    source: EVENT_SOURCE,
    type: 'UsageEventReceived',
    version: 1,
    data: {
      organizationId,
      transactionId: event.transactionId,
      accountId: event.customer,
      code: event.code,
      timestamp: event.timestamp ?? receivedAt.toISOString(),
      properties: Object.fromEntries(Object.entries(event.properties).map(([key, value]) => [key, String(value)])),
    },
  });
  return {
    key: event.customer,
    value: JSON.stringify(record),
    headers: { 'event-type': record.type, 'event-version': String(record.version) },
  };
}

const usageTopic = () => topicName(TOPICS.usageEvents, serverConfig().kafkaTopicPrefix);

/**
 * POST /api/v1/events: one event, produced with acks=all before the 202.
 * No idempotency key is needed: a repeated transactionId is accepted again
 * and the usage store counts it once.
 */
export async function ingestUsageEvent(organizationId: string, body: unknown): Promise<{ transactionId: string }> {
  const [checked] = await checkItems(organizationId, [body], () => 'body');
  if (!checked!.ok) {
    const missing = checked!.errors.length === 1 && checked!.errors[0]!.reason === 'no such account';
    throw missing
      ? problems.notFound('There is no such account', checked!.errors[0]!)
      : problems.invalid(checked!.errors);
  }
  await produceDurably(usageTopic(), recordOf(organizationId, checked!.event, new Date()));
  return { transactionId: checked!.event.transactionId };
}

/** POST /api/v1/events/batch: every valid item is produced in one request; each item gets its own result. */
export async function ingestUsageBatch(
  organizationId: string,
  items: readonly unknown[],
): Promise<UsageEventItemResult[]> {
  const checked = await checkItems(organizationId, items, (index) => `body.events.${index}`);
  const receivedAt = new Date();
  const messages = checked.flatMap((item) => (item.ok ? [recordOf(organizationId, item.event, receivedAt)] : []));
  try {
    await produceBatchDurably(usageTopic(), messages);
  } catch (error) {
    console.error('[kafka] usage batch produce failed:', error instanceof Error ? error.message : error);
    throw problems.unavailable('The event log is not reachable right now; retry the batch (duplicates count once)');
  }
  return checked.map((item, index) =>
    item.ok
      ? { index, transactionId: item.event.transactionId, status: 'accepted' }
      : { index, status: 'rejected', errors: item.errors },
  );
}
