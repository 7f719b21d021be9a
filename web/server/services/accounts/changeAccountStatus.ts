import {
  ACCOUNT_ACTION_FROM,
  type AccountAction,
  type AccountActionBody,
  type AccountStatus,
  type AccountStatusChangeRequested,
} from '@billstream/contracts';
import { ProblemError, problemOf } from '../../utils/problem';
import { requireAccountByRef } from './findAccountByRef';
import { type AccountRequest, commandMeta, commandRef, requestAccountCommand } from './requestAccountCommand';

/** 409 invalid-transition, as for invoices: the action does not apply to the account's current status. */
function invalidTransition(action: AccountAction, status: string): ProblemError {
  const allowed = ACCOUNT_ACTION_FROM[action].join(' or ');
  return new ProblemError(
    problemOf(409, `The account is ${status}; only a ${allowed} account can be asked to ${action}`, {
      type: 'invalid-transition',
      title: 'Not allowed in this state',
    }),
  );
}

/** POST /api/v1/accounts/:ref/{freeze,close,reopen}: checked against the view, applied by the ledger. */
export function changeAccountStatus(
  request: AccountRequest & {
    readonly ref: string;
    readonly transition: AccountAction;
    readonly body: AccountActionBody;
  },
) {
  return requestAccountCommand(request, async (commandId, now): Promise<AccountStatusChangeRequested> => {
    const account = await requireAccountByRef(request.ref, request.organizationId);
    if (!ACCOUNT_ACTION_FROM[request.transition].includes(account.status as AccountStatus)) {
      throw invalidTransition(request.transition, account.status);
    }
    return {
      ...commandMeta(commandId, now),
      type: 'AccountStatusChangeRequested',
      data: {
        ...commandRef(account.id, request, now),
        action: request.transition,
        reason: request.body.reason ?? null,
      },
    };
  });
}
