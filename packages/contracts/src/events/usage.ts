import { z } from 'zod';
import { UsageMetricCode, UsageTransactionId } from '../api/usage.ts';
import { envelope } from './envelope.ts';

/**
 * usage-events, key accountId. One accepted usage event; the usage processor
 * validates it again on consume (a bad record is a dead letter with its
 * reason) and stores it in ClickHouse, deduplicated by (organizationId, transactionId).
 */
export const UsageEventReceived = envelope(
  'UsageEventReceived',
  1,
  z.object({
    organizationId: z.uuid(),
    transactionId: UsageTransactionId,
    accountId: z.uuid(),
    code: UsageMetricCode,
    timestamp: z.iso.datetime({ offset: true }),
    /** Values as text: numbers and booleans as the API received them. */
    properties: z.record(z.string(), z.string()),
  }),
);
export type UsageEventReceived = z.infer<typeof UsageEventReceived>;
