import { type CurrencyCode, formatMoney, type RejectionReason, TransactionEvent } from '@billstream/contracts';
import type { AppliedTransaction, TransactionRow } from './ledgerStore.ts';

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

export function eventFromRow(row: TransactionRow): TransactionEvent {
  const currency = row.currency as CurrencyCode;
  const payload = {
    transactionId: row.id,
    accountId: row.account_id,
    type: row.transaction_type,
    amount: formatMoney(row.amount, currency),
    currency,
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.reference_id !== null ? { reference: row.reference_id } : {}),
    requestedAt: row.requested_at.toISOString(),
    processedAt: row.processed_at.toISOString(),
    balanceAfter: formatMoney(row.balance_after, currency),
  };
  const base = { eventId: row.id, occurredAt: row.processed_at.toISOString(), source: SOURCE, version: 1 as const };
  const event =
    row.status === 'completed'
      ? { ...base, type: 'TransactionCompleted' as const, data: payload }
      : {
          ...base,
          type: 'TransactionRejected' as const,
          data: { ...payload, reason: row.reason as RejectionReason, message: `rejected: ${row.reason}` },
        };
  return TransactionEvent.parse(event);
}
