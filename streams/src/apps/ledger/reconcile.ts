import { type CurrencyCode, formatMoney, money, TOPICS, TransactionEvent, topicName } from '@billstream/contracts';
import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import { readToEnd } from '../../runtime/index.ts';

/** Mismatches listed in the report; the count is always exact. */
const REPORT_MISMATCHES_MAX = 50;

export interface ReconcileReport {
  readonly ok: boolean;
  readonly lines: string[];
}

interface Fold {
  balance: ReturnType<typeof money>;
  currency: string;
  completed: number;
  rejected: number;
}

/** The ledger as a fold of transaction-events: what every view must agree with. */
async function foldEvents(kafka: Kafka, prefix: string): Promise<Map<string, Fold>> {
  const topic = topicName(TOPICS.transactionEvents, prefix);
  const admin = kafka.admin();
  await admin.connect();
  const partitions = (await admin.fetchTopicOffsets(topic)).map((offsets) => offsets.partition);
  await admin.disconnect();
  const folds = new Map<string, Fold>();
  const seen = new Set<string>();
  await readToEnd(
    kafka,
    partitions.map((partition) => ({ topic, partition })),
    (_ref, message) => {
      let json: unknown = null;
      try {
        json = JSON.parse(message.value?.toString('utf8') ?? 'null');
      } catch {
        return;
      }
      const parsed = TransactionEvent.safeParse(json);
      if (!parsed.success || seen.has(parsed.data.eventId)) return;
      seen.add(parsed.data.eventId);
      const { data } = parsed.data;
      const fold = folds.get(data.accountId) ?? {
        balance: money(0),
        currency: data.currency,
        completed: 0,
        rejected: 0,
      };
      if (parsed.data.type === 'TransactionCompleted') {
        fold.balance = data.type === 'credit' ? fold.balance.plus(data.amount) : fold.balance.minus(data.amount);
        fold.completed += 1;
      } else fold.rejected += 1;
      folds.set(data.accountId, fold);
    },
  );
  return folds;
}

async function currencyTotals(pool: pg.Pool, lines: string[]): Promise<number> {
  const rows = await pool.query<{ currency: string; balances: string; movements: string }>(`
    SELECT a.currency, a.balances::text, COALESCE(t.movements, 0)::text AS movements
      FROM (SELECT currency, SUM(balance) AS balances FROM billing_accounts GROUP BY currency) a
      LEFT JOIN (SELECT currency, SUM(CASE transaction_type WHEN 'credit' THEN amount ELSE -amount END) AS movements
                   FROM transactions WHERE status = 'completed' GROUP BY currency) t ON t.currency = a.currency
     ORDER BY a.currency`);
  let mismatches = 0;
  for (const row of rows.rows) {
    const equal = money(row.balances).eq(row.movements);
    if (!equal) mismatches += 1;
    lines.push(
      `${equal ? 'ok      ' : 'MISMATCH'} ${row.currency}: Σ balances ${row.balances} vs Σ completed credits − debits ${row.movements}`,
    );
  }
  return mismatches;
}

async function accountsAgainstFold(pool: pg.Pool, folds: Map<string, Fold>, lines: string[]): Promise<number> {
  const rows = await pool.query<{
    id: string;
    currency: string;
    balance: string;
    completed: string;
    rejected: string;
  }>(`
    SELECT a.id, a.currency, a.balance::text,
           (SELECT count(*) FROM transactions t WHERE t.account_id = a.id AND t.status = 'completed')::text AS completed,
           (SELECT count(*) FROM transactions t WHERE t.account_id = a.id AND t.status = 'rejected')::text AS rejected
      FROM billing_accounts a ORDER BY a.id`);
  let mismatches = 0;
  for (const row of rows.rows) {
    const fold = folds.get(row.id) ?? { balance: money(0), currency: row.currency, completed: 0, rejected: 0 };
    const same =
      fold.balance.eq(row.balance) &&
      fold.completed === Number(row.completed) &&
      fold.rejected === Number(row.rejected);
    if (same) continue;
    mismatches += 1;
    if (mismatches <= REPORT_MISMATCHES_MAX) {
      lines.push(
        `MISMATCH account ${row.id}: view ${formatMoney(row.balance, row.currency as CurrencyCode)} ` +
          `(${row.completed} completed, ${row.rejected} rejected) vs topic fold ${fold.balance.toFixed()} ` +
          `(${fold.completed} completed, ${fold.rejected} rejected)`,
      );
    }
  }
  lines.push(
    `${mismatches === 0 ? 'ok      ' : 'MISMATCH'} ${rows.rowCount} accounts checked against the fold of transaction-events`,
  );
  return mismatches;
}

/**
 * `streams reconcile`: per currency, Σ balances = Σ completed credits − Σ
 * completed debits; per account, the PostgreSQL views equal a fold of the
 * transaction-events topic. Run it when the ledger is idle (no commands in flight).
 */
export async function reconcileLedger(kafka: Kafka, pool: pg.Pool, prefix: string): Promise<ReconcileReport> {
  const lines: string[] = [];
  const currencyMismatches = await currencyTotals(pool, lines);
  const accountMismatches = await accountsAgainstFold(pool, await foldEvents(kafka, prefix), lines);
  const ok = currencyMismatches === 0 && accountMismatches === 0;
  lines.push(
    ok ? 'reconciliation passed' : `reconciliation FAILED: ${currencyMismatches + accountMismatches} mismatches`,
  );
  return { ok, lines };
}
