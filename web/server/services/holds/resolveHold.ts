import { type CaptureHoldBody, MoneyDecimal } from '@billstream/contracts';
import { problems } from '../../utils/problem';
import { findHold } from './findHold';
import { produceLedgerCommand } from './produceLedgerCommand';

/** Phase two: post the hold (all or part) as a debit. The debit's transaction id is `transactionId`. */
export async function captureHold(input: {
  readonly holdId: string;
  readonly transactionId: string;
  readonly organizationId: string;
  readonly body: CaptureHoldBody;
  readonly requestId: string;
  readonly requestedBy: string;
}) {
  const hold = await findHold(input.holdId, input.organizationId);
  if (hold.status !== 'pending') {
    throw problems.conflict(`The hold is ${hold.status}; only a pending hold can be captured`, 'hold-not-pending');
  }
  const amount = input.body.amount ?? hold.amount;
  if (new MoneyDecimal(amount).gt(hold.amount)) {
    throw problems.invalid([{ name: 'body.amount', reason: `must be at most the held ${hold.amount}` }]);
  }
  await produceLedgerCommand(
    {
      eventId: input.transactionId,
      occurredAt: new Date().toISOString(),
      source: 'web',
      type: 'HoldCaptureRequested',
      version: 1,
      data: {
        holdId: hold.id,
        accountId: hold.accountId,
        transactionId: input.transactionId,
        amount,
        requestedBy: input.requestedBy,
      },
    },
    input.requestId,
  );
  return {
    holdId: hold.id,
    transactionId: input.transactionId,
    amount,
    status: 'pending',
    links: { hold: `/api/v1/holds/${hold.id}`, transaction: `/api/v1/transactions/${input.transactionId}` },
  };
}

/** Releases a pending hold. */
export async function voidHold(input: {
  readonly holdId: string;
  readonly commandId: string;
  readonly organizationId: string;
  readonly requestId: string;
  readonly requestedBy: string;
}) {
  const hold = await findHold(input.holdId, input.organizationId);
  if (hold.status !== 'pending')
    throw problems.conflict(`The hold is ${hold.status}; only a pending hold can be voided`, 'hold-not-pending');
  await produceLedgerCommand(
    {
      eventId: input.commandId,
      occurredAt: new Date().toISOString(),
      source: 'web',
      type: 'HoldVoidRequested',
      version: 1,
      data: { holdId: hold.id, accountId: hold.accountId, requestedBy: input.requestedBy },
    },
    input.requestId,
  );
  return { holdId: hold.id, status: 'pending', links: { hold: `/api/v1/holds/${hold.id}` } };
}
