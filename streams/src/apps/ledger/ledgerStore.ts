import {
  CURRENCY_MINOR_UNITS,
  type CurrencyCode,
  formatMoney,
  money,
  type TransactionRequested,
} from '@billstream/contracts';
import type pg from 'pg';
import { applyTransaction, type LedgerAccount, type LedgerOutcome } from './applyTransaction.ts';

/** The result of one command, as written to PostgreSQL and announced on transaction-events. */
export interface AppliedTransaction {
  readonly command: TransactionRequested;
  readonly outcome: LedgerOutcome;
  readonly processedAt: Date;
  /** Account row version after this command (for versioned Redis writes); null if the account is unknown. */
  readonly accountVersion: number | null;
  readonly organizationId: string | null;
}

interface AccountRow {
  id: string;
  organization_id: string;
  currency: string;
  status: string;
  balance: string;
  credit_limit: string;
  version: string;
}

function toLedgerAccount(row: AccountRow): LedgerAccount {
  if (!(row.currency in CURRENCY_MINOR_UNITS))
    throw new Error(`account ${row.id} has unknown currency ${row.currency}`);
  if (!['active', 'frozen', 'closed'].includes(row.status))
    throw new Error(`account ${row.id} has status ${row.status}`);
  return {
    id: row.id,
    currency: row.currency as CurrencyCode,
    status: row.status as LedgerAccount['status'],
    balance: money(row.balance),
    creditLimit: money(row.credit_limit),
  };
}

/** Locks the partition's offset row and returns the next offset still to apply. */
export async function lockNextOffset(
  client: pg.PoolClient,
  view: string,
  topic: string,
  partition: number,
): Promise<bigint> {
  await client.query(
    `INSERT INTO stream_offsets (view, topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, 0, now())
     ON CONFLICT (view, topic, partition) DO NOTHING`,
    [view, topic, partition],
  );
  const result = await client.query<{ next_offset: string }>(
    'SELECT next_offset FROM stream_offsets WHERE view = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
    [view, topic, partition],
  );
  return BigInt(result.rows[0]!.next_offset);
}

export async function saveNextOffset(
  client: pg.PoolClient,
  view: string,
  topic: string,
  partition: number,
  nextOffset: bigint,
): Promise<void> {
  await client.query(
    'UPDATE stream_offsets SET next_offset = $4, updated_at = now() WHERE view = $1 AND topic = $2 AND partition = $3',
    [view, topic, partition, nextOffset.toString()],
  );
}

/**
 * Applies one command inside the caller's PostgreSQL transaction. The account
 * row is locked, so concurrent debits on one account serialize. A transaction
 * id seen before is not applied again (idempotent by transaction id).
 */
export async function applyCommand(
  client: pg.PoolClient,
  command: TransactionRequested,
): Promise<AppliedTransaction | 'duplicate'> {
  const { data } = command;
  const seen = await client.query('SELECT 1 FROM transactions WHERE id = $1', [data.transactionId]);
  if (seen.rowCount !== 0) return 'duplicate';
  const rows = await client.query<AccountRow>(
    `SELECT id, organization_id, currency, status, balance::text, credit_limit::text, version::text
       FROM billing_accounts WHERE id = $1 FOR UPDATE`,
    [data.accountId],
  );
  const row = rows.rows[0];
  const outcome = applyTransaction(row ? toLedgerAccount(row) : null, data);
  const processedAt = new Date();
  if (!row) return { command, outcome, processedAt, accountVersion: null, organizationId: null };
  let version = Number(row.version);
  if (outcome.status === 'completed') {
    const delta = outcome.balanceAfter.minus(row.balance).toFixed();
    const updated = await client.query<{ version: string }>(
      `UPDATE billing_accounts SET balance = $2, available_balance = available_balance + $3::numeric,
         version = version + 1, updated_at = now() WHERE id = $1 RETURNING version::text`,
      [row.id, outcome.balanceAfter.toFixed(), delta],
    );
    version = Number(updated.rows[0]!.version);
  }
  await insertTransaction(client, row.organization_id, command, outcome, processedAt);
  return { command, outcome, processedAt, accountVersion: version, organizationId: row.organization_id };
}

async function insertTransaction(
  client: pg.PoolClient,
  organizationId: string,
  command: TransactionRequested,
  outcome: LedgerOutcome,
  processedAt: Date,
): Promise<void> {
  const { data } = command;
  await client.query(
    `INSERT INTO transactions (id, organization_id, account_id, transaction_type, amount, currency, description,
       reference_id, status, reason, balance_after, requested_at, processed_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12)`,
    [
      data.transactionId,
      organizationId,
      data.accountId,
      data.type,
      data.amount,
      data.currency,
      data.description ?? null,
      data.reference ?? null,
      outcome.status,
      outcome.status === 'rejected' ? outcome.reason : null,
      formatMoney(outcome.balanceAfter, data.currency),
      command.occurredAt,
      processedAt,
    ],
  );
}

interface TransactionRow {
  id: string;
  account_id: string;
  transaction_type: 'credit' | 'debit';
  amount: string;
  currency: string;
  description: string | null;
  reference_id: string | null;
  status: 'completed' | 'rejected';
  reason: string | null;
  balance_after: string;
  requested_at: Date;
  processed_at: Date;
}

/** Rows of transactions applied before a crash, to announce them again after a replay. */
export async function loadTransactions(client: pg.PoolClient, ids: readonly string[]): Promise<TransactionRow[]> {
  if (ids.length === 0) return [];
  const result = await client.query<TransactionRow>(
    `SELECT id, account_id, transaction_type, amount::text, currency, description, reference_id, status, reason,
            balance_after::text, requested_at, processed_at FROM transactions WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return result.rows;
}
export type { TransactionRow };
