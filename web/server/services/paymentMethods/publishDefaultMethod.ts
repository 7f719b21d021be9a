import { randomUUID } from 'node:crypto';
import { DefaultPaymentMethodSet, masterDataKey, PaymentMethodType } from '@billstream/contracts';
import type { Prisma } from '@billstream/db';
import { drainMasterDataOutbox, enqueueRecords } from '../masterData/outbox';

/**
 * Automatic collection charges the account's default method from the billing
 * processor, which reads master data, never this database. So every change of
 * an account's methods writes the account's current default (or null) to the
 * master-data outbox in the same transaction (docs/collection.md). The lock
 * makes two concurrent changes of one account enqueue in commit order.
 */
export async function enqueueDefaultMethod(tx: Prisma.TransactionClient, organizationId: string, accountId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`payment_method:${accountId}`}))`;
  const row = await tx.paymentMethod.findFirst({
    where: { accountId, organizationId, removedAt: null, isDefault: true },
  });
  const method = row
    ? {
        id: row.id,
        type: PaymentMethodType.parse(row.type),
        token: row.gatewayToken,
        brand: row.brand,
        last4: row.last4,
      }
    : null;
  const value = DefaultPaymentMethodSet.parse({
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    source: 'web',
    type: 'DefaultPaymentMethodSet',
    version: 1,
    data: { accountId, organizationId, method, updatedAt: new Date().toISOString() },
  });
  await enqueueRecords(tx, [{ organizationId, key: masterDataKey('payment_method', accountId), value }]);
}

/** After the commit: publish now; when Kafka is down the periodic drain publishes it later. */
export async function publishDefaultMethods(): Promise<void> {
  try {
    await drainMasterDataOutbox();
  } catch (error) {
    console.error(
      '[payment-methods] publish failed, the outbox retries:',
      error instanceof Error ? error.message : error,
    );
  }
}
