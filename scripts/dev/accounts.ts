import crypto from 'node:crypto';
import { BillingAccountUpserted, masterDataKey, TOPICS, topicName } from '@billstream/contracts';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

interface AccountRow {
  id: string;
  organization_id: string;
  account_number: string;
  currency: string;
  status: string;
  credit_limit: string;
  updated_at: Date;
}

/** Accounts announced per produce call. */
const ACCOUNTS_PER_SEND_MAX = 500;

/**
 * Announces every billing account to the ledger (transaction-commands, keyed
 * by account, so an account's state is ordered with its transactions) and to
 * the compacted master-data topic. Idempotent: the same state again changes
 * nothing downstream.
 */
export async function publishAccounts(databaseUrl: string, brokers: string[], prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows = await client
    .query<AccountRow>(`SELECT id, organization_id, account_number, currency, status, credit_limit::text, updated_at
      FROM billing_accounts ORDER BY id`)
    .finally(() => client.end());
  const producer = new Kafka({ brokers, logLevel: logLevel.WARN, clientId: 'billstream-setup' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    for (let start = 0; start < rows.rows.length; start += ACCOUNTS_PER_SEND_MAX) {
      const events = rows.rows.slice(start, start + ACCOUNTS_PER_SEND_MAX).map(accountEvent);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [
          {
            topic: topicName(TOPICS.transactionCommands, prefix),
            messages: events.map((event) => ({ key: event.data.id, value: JSON.stringify(event) })),
          },
          {
            topic: topicName(TOPICS.masterData, prefix),
            messages: events.map((event) => ({
              key: masterDataKey('account', event.data.id),
              value: JSON.stringify(event),
            })),
          },
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return rows.rows.length;
}

function accountEvent(row: AccountRow): BillingAccountUpserted {
  return BillingAccountUpserted.parse({
    eventId: crypto.randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'setup',
    type: 'BillingAccountUpserted',
    version: 1,
    data: {
      id: row.id,
      organizationId: row.organization_id,
      accountNumber: row.account_number,
      currency: row.currency,
      status: row.status,
      creditLimit: row.credit_limit.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''),
      updatedAt: row.updated_at.toISOString(),
    },
  });
}
