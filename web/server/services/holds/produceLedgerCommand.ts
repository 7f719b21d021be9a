import { LedgerCommand, TOPICS, topicName } from '@billstream/contracts';
import { serverConfig } from '../../utils/config';
import { produceDurably } from '../../utils/kafka';

/** Validates a ledger command against its contract, then produces it keyed by account with acks=all. */
export async function produceLedgerCommand(command: LedgerCommand, requestId: string): Promise<void> {
  const valid = LedgerCommand.parse(command);
  const accountId = valid.type === 'BillingAccountUpserted' ? valid.data.id : valid.data.accountId;
  await produceDurably(topicName(TOPICS.transactionCommands, serverConfig().kafkaTopicPrefix), {
    key: accountId,
    value: JSON.stringify(valid),
    headers: { 'event-type': valid.type, 'event-version': String(valid.version), 'request-id': requestId },
  });
}
