import type { AccountOpenRequested, CreateAccountBody } from '@billstream/contracts';
import { claimExternalId } from './claimExternalId';
import {
  type AccountRequest,
  accountNumberFor,
  commandMeta,
  commandRef,
  requestAccountCommand,
} from './requestAccountCommand';

/** POST /api/v1/accounts: a new customer with its billing account; the ledger opens it. */
export function openAccount(request: AccountRequest & { readonly body: CreateAccountBody }) {
  const { body } = request;
  return requestAccountCommand(request, async (accountId, now): Promise<AccountOpenRequested> => {
    if (body.externalId !== null) await claimExternalId(request.organizationId, body.externalId, accountId);
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
  });
}
