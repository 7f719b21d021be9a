import {
  Currency,
  type CurrencyCode,
  CustomerAddress,
  formatMoney,
  RejectionReason,
  type TransactionResource,
  TransactionStatus,
  TransactionType,
} from '@billstream/contracts';
import type { AccountView } from '#shared/types/api';

/** The billing_accounts fields an AccountResource is made of (a Prisma BillingAccount fits). */
export interface AccountRecord {
  id: string;
  accountNumber: string;
  customerName: string | null;
  balance: unknown;
  availableBalance: unknown;
  currency: string;
  status: string;
  creditLimit: unknown;
  updatedAt: Date;
  externalId?: string | null;
  billingEmail?: string | null;
  address?: unknown;
  taxId?: string | null;
  paymentTermsDays?: number | null;
  timezone?: string;
}

/** The transactions fields a TransactionResource is made of (a Prisma Transaction fits). */
export interface TransactionRecord {
  id: string;
  accountId: string;
  transactionType: string;
  amount: unknown;
  currency: string;
  description: string | null;
  referenceId: string | null;
  status: string;
  reason: string | null;
  balanceAfter: unknown;
  requestedAt: Date;
  processedAt: Date | null;
  createdAt: Date;
}

/** What the API remembers (Redis) about a command the ledger has not applied yet. */
export interface PendingCommand {
  transactionId: string;
  /** Whose command it is: only that organization may read it. */
  organizationId: string;
  accountId: string;
  type: string;
  amount: string;
  currency: string;
  description?: string;
  reference?: string;
  requestedAt: string;
}

// NUMERIC arrives as a Prisma Decimal (or a string from raw pg); String() is
// exact for both, and formatMoney fixes the currency's minor units.
function moneyText(value: unknown, currency: CurrencyCode): string {
  return formatMoney(String(value ?? '0'), currency);
}

export function accountLinks(id: string) {
  return { self: `/api/v1/accounts/${id}`, transactions: `/api/v1/accounts/${id}/transactions` };
}

export function transactionLinks(id: string, accountId: string) {
  return { self: `/api/v1/transactions/${id}`, account: `/api/v1/accounts/${accountId}` };
}

export function toAccountResource(account: AccountRecord): AccountView {
  const currency = Currency.parse(account.currency);
  return {
    id: account.id,
    accountNumber: account.accountNumber,
    customerName: account.customerName,
    legalName: account.customerName,
    billingEmail: account.billingEmail ?? null,
    // The view wrote it from a checked command; a row edited by hand shows no address rather than a broken one.
    address: CustomerAddress.nullable()
      .catch(null)
      .parse(account.address ?? null),
    taxId: account.taxId ?? null,
    paymentTermsDays: account.paymentTermsDays ?? null,
    timezone: account.timezone ?? 'UTC',
    externalId: account.externalId ?? null,
    currency,
    status: account.status,
    balance: moneyText(account.balance, currency),
    availableBalance: moneyText(account.availableBalance ?? account.balance, currency),
    creditLimit: moneyText(account.creditLimit, currency),
    updatedAt: account.updatedAt.toISOString(),
    links: accountLinks(account.id),
  };
}

export function toTransactionResource(row: TransactionRecord): TransactionResource {
  const currency = Currency.parse(row.currency);
  const reason = row.reason === null ? null : RejectionReason.safeParse(row.reason);
  return {
    id: row.id,
    accountId: row.accountId,
    type: TransactionType.parse(row.transactionType),
    amount: moneyText(row.amount, currency),
    currency,
    status: TransactionStatus.parse(row.status),
    description: row.description,
    reference: row.referenceId,
    // An unknown reason code is reported as null rather than failing the read.
    reason: reason?.success ? reason.data : null,
    balanceAfter:
      row.balanceAfter === null || row.balanceAfter === undefined ? null : moneyText(row.balanceAfter, currency),
    // When the API accepted it, which is what a client calls "created".
    createdAt: row.requestedAt.toISOString(),
    processedAt: row.processedAt ? row.processedAt.toISOString() : null,
    links: transactionLinks(row.id, row.accountId),
  };
}
export function pendingToResource(command: PendingCommand): TransactionResource {
  const currency = Currency.parse(command.currency);
  return {
    id: command.transactionId,
    accountId: command.accountId,
    type: TransactionType.parse(command.type),
    amount: moneyText(command.amount, currency),
    currency,
    status: 'pending',
    description: command.description ?? null,
    reference: command.reference ?? null,
    reason: null,
    balanceAfter: null,
    createdAt: command.requestedAt,
    processedAt: null,
    links: transactionLinks(command.transactionId, command.accountId),
  };
}
