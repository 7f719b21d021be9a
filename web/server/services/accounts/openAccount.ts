import type { AccountOpenRequested, CreateAccountBody } from '@billstream/contracts';
import { claimExternalId } from './claimExternalId';
import {
  type AccountRequest,
  accountNumberFor,
  commandMeta,
  commandRef,
  requestAccountCommand,
} from './requestAccountCommand';

/** The command that opens account `accountId` for a customer (the API body or an import row). */
export function openCommand(
  accountId: string,
  request: AccountRequest,
  body: CreateAccountBody,
  now: Date,
): AccountOpenRequested {
  return {
    ...commandMeta(accountId, now),
    type: 'AccountOpenRequested',
    data: {
      ...commandRef(accountId, request, now),
      accountNumber: accountNumberFor(accountId),
      currency: body.currency,
      creditLimit: body.creditLimit,
      customer: {
        legalName: body.legalName,
        billingEmail: body.billingEmail,
        address: body.address,
        taxId: body.taxId,
        paymentTermsDays: body.paymentTermsDays,
        timezone: body.timezone,
        externalId: body.externalId,
      },
    },
  };
}

/** POST /api/v1/accounts: a new customer with its billing account; the ledger opens it. */
export function openAccount(request: AccountRequest & { readonly body: CreateAccountBody }) {
  const { body } = request;
  return requestAccountCommand(request, async (accountId, now) => {
    if (body.externalId !== null) await claimExternalId(request.organizationId, body.externalId, accountId);
    return openCommand(accountId, request, body, now);
  });
}
