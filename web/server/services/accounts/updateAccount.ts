import {
  type AccountUpdateRequested,
  type CurrencyCode,
  fitsMinorUnits,
  type UpdateAccountBody,
} from '@billstream/contracts';
import { problems } from '../../utils/problem';
import { claimExternalId } from './claimExternalId';
import { requireAccountByRef } from './findAccountByRef';
import { type AccountRequest, commandMeta, commandRef, requestAccountCommand } from './requestAccountCommand';

/** PATCH /api/v1/accounts/:ref: change some details or the credit limit; the ledger applies it. */
export function updateAccount(request: AccountRequest & { readonly ref: string; readonly body: UpdateAccountBody }) {
  const { body } = request;
  return requestAccountCommand(request, async (commandId, now): Promise<AccountUpdateRequested> => {
    const account = await requireAccountByRef(request.ref, request.organizationId);
    if (body.creditLimit !== undefined && !fitsMinorUnits(body.creditLimit, account.currency as CurrencyCode)) {
      throw problems.invalid([
        { name: 'body.creditLimit', reason: `has more decimal places than ${account.currency} allows` },
      ]);
    }
    if (body.externalId) await claimExternalId(request.organizationId, body.externalId, account.id);
    return {
      ...commandMeta(commandId, now),
      type: 'AccountUpdateRequested',
      data: { ...commandRef(account.id, request, now), changes: body },
    };
  });
}
