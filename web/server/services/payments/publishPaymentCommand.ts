import { randomUUID } from 'node:crypto';
import { PaymentCommand, TOPICS, topicName } from '@billstream/contracts';
import { serverConfig } from '../../utils/config';
import { produceDurably } from '../../utils/kafka';

type CommandOf<T extends PaymentCommand['type']> = Extract<PaymentCommand, { type: T }>;

/** A payment-commands envelope, validated with the contract before anything is produced. */
export function paymentCommand<T extends PaymentCommand['type']>(type: T, data: CommandOf<T>['data']): CommandOf<T> {
  return PaymentCommand.parse({
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'web',
    type,
    version: 1,
    data,
  }) as CommandOf<T>;
}

/** Produces to payment-commands keyed by payment id, resolving only once Kafka has it (acks=all). */
export async function publishPaymentCommand(command: PaymentCommand, requestId: string): Promise<void> {
  await produceDurably(topicName(TOPICS.paymentCommands, serverConfig().kafkaTopicPrefix), {
    key: command.data.paymentId,
    value: JSON.stringify(command),
    headers: { 'event-type': command.type, 'event-version': String(command.version), 'request-id': requestId },
  });
}
