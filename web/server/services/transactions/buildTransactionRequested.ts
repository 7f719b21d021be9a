import { randomUUID } from 'node:crypto';
import { type CreateTransactionBody, TransactionRequested } from '@billstream/contracts';

export const EVENT_SOURCE = 'billstream-web';

/**
 * The command envelope, validated against the shared schema before it can
 * reach Kafka: a record the ledger cannot parse would only end in its DLQ.
 * Empty optional strings are dropped rather than sent as "".
 */
export function buildTransactionRequested(
  transactionId: string,
  body: CreateTransactionBody,
  occurredAt: Date,
): TransactionRequested {
  return TransactionRequested.parse({
    eventId: randomUUID(),
    occurredAt: occurredAt.toISOString(),
    source: EVENT_SOURCE,
    type: 'TransactionRequested',
    version: 1,
    data: {
      transactionId,
      accountId: body.accountId,
      type: body.type,
      amount: body.amount,
      currency: body.currency,
      ...(body.description ? { description: body.description } : {}),
      ...(body.reference ? { reference: body.reference } : {}),
    },
  });
}
