import type { CreateHoldBody, HoldRequested, HoldResource } from '@billstream/contracts';
import { problems } from '../../utils/problem';
import { findAccount } from '../accounts/findAccount';
import { produceLedgerCommand } from './produceLedgerCommand';

/** Checks the account, then asks the ledger to reserve the amount (phase one of a two-phase payment). */
export async function placeHold(input: {
  readonly holdId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly body: CreateHoldBody;
  readonly requestId: string;
  readonly requestedBy: string;
}): Promise<HoldResource & { links: { self: string; account: string } }> {
  const account = await findAccount(input.accountId, input.organizationId);
  if (!account)
    throw problems.notFound(`There is no account ${input.accountId}`, { name: 'params.id', reason: 'no such account' });
  if (account.currency !== input.body.currency) {
    throw problems.invalid([{ name: 'body.currency', reason: `must be ${account.currency}, the account's currency` }]);
  }
  const now = new Date();
  const expiresAt = new Date(now.getTime() + input.body.expiresInSeconds * 1000).toISOString();
  const command: HoldRequested = {
    eventId: input.holdId,
    occurredAt: now.toISOString(),
    source: 'web',
    type: 'HoldRequested',
    version: 1,
    data: {
      holdId: input.holdId,
      accountId: input.accountId,
      amount: input.body.amount,
      currency: input.body.currency,
      expiresAt,
      ...(input.body.description ? { description: input.body.description } : {}),
      requestedBy: input.requestedBy,
    },
  };
  await produceLedgerCommand(command, input.requestId);
  return {
    id: input.holdId,
    accountId: input.accountId,
    amount: input.body.amount,
    capturedAmount: '0',
    currency: input.body.currency,
    status: 'requested',
    reason: null,
    expiresAt,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    links: { self: `/api/v1/holds/${input.holdId}`, account: `/api/v1/accounts/${input.accountId}` },
  };
}
