import { randomUUID } from 'node:crypto';
import { BillingCommand, TOPICS, topicName } from '@billstream/contracts';
import { serverConfig } from '../../utils/config';
import { produceDurably } from '../../utils/kafka';
import { EVENT_SOURCE } from '../transactions/buildTransactionRequested';

type CommandType = BillingCommand['type'];
type DataOf<T extends CommandType> = Extract<BillingCommand, { type: T }>['data'];

/**
 * A billing command envelope, validated against the shared schema before it
 * can reach Kafka: a record the processor cannot parse would only end in its DLQ.
 */
export function buildBillingCommand<T extends CommandType>(type: T, data: DataOf<T>, occurredAt: Date): BillingCommand {
  return BillingCommand.parse({
    eventId: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    source: EVENT_SOURCE,
    type,
    version: 1,
    data,
  });
}

/**
 * Produces to billing-commands with acks=all, keyed by organization: one
 * partition orders every command of an organization, which keeps invoice
 * numbers gapless. Resolves only once the record is durable (else a 503).
 */
export async function publishBillingCommand(command: BillingCommand, requestId: string): Promise<void> {
  const valid = BillingCommand.parse(command);
  await produceDurably(topicName(TOPICS.billingCommands, serverConfig().kafkaTopicPrefix), {
    key: valid.data.organizationId,
    value: JSON.stringify(valid),
    headers: { 'event-type': valid.type, 'event-version': String(valid.version), 'request-id': requestId },
  });
}
