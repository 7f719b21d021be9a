import {
  type AccountStatus,
  type CurrencyCode,
  fitsMinorUnits,
  isMoneyInRange,
  type MoneyDecimal,
  money,
  type RejectionReason,
  type TransactionType,
} from '@billstream/contracts';

/** What the ledger knows about an account when a command arrives. */
export interface LedgerAccount {
  readonly id: string;
  readonly currency: CurrencyCode;
  readonly status: AccountStatus;
  readonly balance: MoneyDecimal;
  readonly creditLimit: MoneyDecimal;
  /** Pending holds: a debit may use only the available balance (balance − held) plus the credit limit. */
  readonly held?: MoneyDecimal;
}

export interface LedgerCommand {
  readonly type: TransactionType;
  readonly amount: string;
  readonly currency: CurrencyCode;
}

export type LedgerOutcome =
  | { readonly status: 'completed'; readonly balanceAfter: MoneyDecimal }
  | {
      readonly status: 'rejected';
      readonly reason: RejectionReason;
      readonly message: string;
      readonly balanceAfter: MoneyDecimal;
    };

function reject(reason: RejectionReason, message: string, balance: MoneyDecimal): LedgerOutcome {
  return { status: 'rejected', reason, message, balanceAfter: balance };
}

/**
 * The ledger's one rule set, as a pure function: validate a credit or debit
 * against the account and return the new balance or the reason it is refused.
 * Rejections are values; only programmer errors throw.
 */
export function applyTransaction(account: LedgerAccount | null, command: LedgerCommand): LedgerOutcome {
  const zero = money(0);
  if (account === null) return reject('account_not_found', 'the account does not exist', zero);
  if (account.creditLimit.isNegative()) throw new Error(`account ${account.id} has a negative credit limit`);
  // A frozen account still takes money in (a customer paying off a debt); a closed one takes nothing.
  if (account.status === 'closed' || (account.status === 'frozen' && command.type === 'debit')) {
    return reject('account_not_active', `the account is ${account.status}`, account.balance);
  }
  if (account.currency !== command.currency) {
    return reject(
      'currency_mismatch',
      `the account is in ${account.currency}, not ${command.currency}`,
      account.balance,
    );
  }
  const amount = money(command.amount);
  if (!amount.isPositive() || amount.isZero() || !fitsMinorUnits(command.amount, command.currency)) {
    return reject('invalid_amount', `amount must be > 0 in ${command.currency} minor units`, account.balance);
  }
  const after = command.type === 'credit' ? account.balance.plus(amount) : account.balance.minus(amount);
  const available = after.minus(account.held ?? zero);
  if (command.type === 'debit' && available.plus(account.creditLimit).isNegative()) {
    return reject('insufficient_funds', 'the debit exceeds the balance plus the credit limit', account.balance);
  }
  // Checked last: an overdrawing debit is insufficient funds whatever its size.
  if (!isMoneyInRange(after, command.currency) || !isMoneyInRange(available, command.currency)) {
    return reject(
      'amount_out_of_range',
      'the balance would leave the money range (15 integer digits)',
      account.balance,
    );
  }
  return { status: 'completed', balanceAfter: after };
}
