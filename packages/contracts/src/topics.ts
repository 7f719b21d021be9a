/**
 * The topic registry: the single list of every Kafka topic, its partitions,
 * retention, cleanup policy and key. The orchestrator creates topics from it,
 * producers and processors name topics through it.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export type CleanupPolicy = 'delete' | 'compact';

export interface TopicSpec {
  /** Name without the environment prefix (see `topicName`). */
  readonly name: string;
  readonly partitions: number;
  /** -1 keeps records forever (compacted topics). */
  readonly retentionMs: number;
  readonly cleanupPolicy: CleanupPolicy;
  /** What the record key is; records with the same key keep their order. */
  readonly key: string;
  readonly description: string;
}

export const TOPICS = {
  userEvents: {
    name: 'user-events',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'userId',
    description: 'Sign-ins, profile changes and commands issued by users',
  },
  billingEvents: {
    name: 'billing-events',
    partitions: 12,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'accountId',
    description: 'Invoice lifecycle facts emitted by the billing processor',
  },
  transactionEvents: {
    name: 'transaction-events',
    partitions: 12,
    retentionMs: 90 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'accountId',
    description: 'Completed and rejected ledger transactions, with balances',
  },
  customerEvents: {
    name: 'customer-events',
    partitions: 12,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'accountId',
    description: 'Customer (billing account) facts emitted by the ledger: CustomerCreated, CustomerUpdated',
  },
  paymentEvents: {
    name: 'payment-events',
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'paymentId',
    description: 'Payment intent, refund and gateway webhook facts',
  },
  transactionCommands: {
    name: 'transaction-commands',
    partitions: 12,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'accountId',
    description: 'Credit and debit commands accepted by the API (co-partitioned with transaction-events)',
  },
  billingCommands: {
    name: 'billing-commands',
    partitions: 12,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    // One sequencer per organization keeps invoice numbers gapless.
    key: 'organizationId',
    description: 'Invoice commands accepted by the API (create, issue, void, credit note, payment, test clock)',
  },
  subscriptionCommands: {
    name: 'subscription-commands',
    partitions: 12,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    // Same key and partition count as billing-commands: the subscriptions app reads both
    // (test clock advances come from billing-commands) in one task per organization.
    key: 'organizationId',
    description:
      'Plan and subscription commands accepted by the API (plans, create, change plan, pause, resume, cancel)',
  },
  paymentCommands: {
    name: 'payment-commands',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'paymentId',
    description: 'Payment intent and refund commands accepted by the API',
  },
  paymentGatewayRequests: {
    name: 'payment-gateway-requests',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'paymentId',
    description: 'Authorize/capture/void/refund requests from the payments processor to the gateway worker',
  },
  masterData: {
    name: 'master-data',
    partitions: 6,
    retentionMs: -1,
    cleanupPolicy: 'compact',
    key: '<kind>:<id>',
    description: 'Latest version of every category, product, configuration and billing account; deletes are tombstones',
  },
  ledgerDlq: {
    name: 'ledger-dlq',
    partitions: 1,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'source key',
    description: 'Records the ledger app could not deserialize or process, with the reason in headers',
  },
  activityDlq: {
    name: 'activity-dlq',
    partitions: 1,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'source key',
    description: 'user-events records the activity app could not deserialize or store, with the reason in headers',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicId = keyof typeof TOPICS;
export const TOPIC_LIST: readonly TopicSpec[] = Object.values(TOPICS);

/**
 * The physical topic name. A prefix lets a test run own its topics on a shared
 * broker; production and `npm start` use no prefix.
 */
export function topicName(spec: TopicSpec, prefix = ''): string {
  if (spec.name.length === 0) throw new Error('topic spec without a name');
  if (!/^[a-zA-Z0-9._-]*$/.test(prefix)) throw new Error(`invalid topic prefix ${prefix}`);
  return `${prefix}${spec.name}`;
}
