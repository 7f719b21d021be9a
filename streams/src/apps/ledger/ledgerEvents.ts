import { formatMoney, TransactionEvent, type TransactionRequested } from '@billstream/contracts';
import type { LedgerOutcome } from './applyTransaction.ts';

/** The result of one command, as announced on transaction-events. */
export interface AppliedTransaction {
  readonly command: TransactionRequested;
  readonly outcome: LedgerOutcome;
  readonly processedAt: Date;
}

const SOURCE = 'streams.ledger';

/**
 * The verdict on a command as a transaction-events record. The event id is the
 * transaction id: there is exactly one verdict per transaction, so a verdict
 * announced again after a crash carries the same id and consumers dedupe it.
 */
export function outcomeEvent(applied: AppliedTransaction): TransactionEvent {
  const { data } = applied.command;
  const base = {
    eventId: data.transactionId,
    occurredAt: applied.processedAt.toISOString(),
    source: SOURCE,
    version: 1 as const,
  };
  const payload = {
    transactionId: data.transactionId,
    accountId: data.accountId,
    type: data.type,
    amount: data.amount,
    currency: data.currency,
    ...(data.description !== undefined ? { description: data.description } : {}),
    ...(data.reference !== undefined ? { reference: data.reference } : {}),
    requestedAt: applied.command.occurredAt,
    processedAt: applied.processedAt.toISOString(),
    balanceAfter: formatMoney(applied.outcome.balanceAfter, data.currency),
  };
  const event =
    applied.outcome.status === 'completed'
      ? { ...base, type: 'TransactionCompleted' as const, data: payload }
      : {
          ...base,
          type: 'TransactionRejected' as const,
          data: { ...payload, reason: applied.outcome.reason, message: applied.outcome.message },
        };
  return TransactionEvent.parse(event);
}
