/**
 * The topic registry: every Kafka topic, its partitions, retention, cleanup
 * policy and key. The orchestrator creates the `TOPICS` from it, producers and
 * processors name topics through it. The topics a stream app makes for itself
 * (changelogs, repartition topics, view topics, its dead-letter topic) are
 * named by one rule, `internalTopicName`; every app's dead-letter topic is
 * also listed here, so that it exists before the app first needs it.
 * streams/src/topicRegistry.test.ts checks that every topic an app reads,
 * writes or creates is either listed here or named by that rule;
 * docs/operations.md lists both.
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

/**
 * What a stream app creates for itself, named `<appId>-<name>-<kind>`; the
 * dead-letter topic is `<appId>-dlq`. `appId` is the topic prefix plus the
 * app's name, so a test run's prefix reaches these topics too.
 */
export const INTERNAL_TOPIC_KINDS = ['changelog', 'repartition', 'view', 'dlq'] as const;
export type InternalTopicKind = (typeof INTERNAL_TOPIC_KINDS)[number];

/** The one naming rule of the topics a stream app creates for itself. */
export function internalTopicName(appId: string, kind: InternalTopicKind, name = ''): string {
  if (appId.length === 0) throw new Error('internal topic without an app id');
  if (kind === 'dlq') return `${appId}-dlq`;
  if (name.length === 0) throw new Error(`${kind} topic of ${appId} without a name`);
  return `${appId}-${name}-${kind}`;
}

/** Whether `topic` is one that app `appId` names for itself by `internalTopicName`. */
export function isInternalTopicOf(appId: string, topic: string): boolean {
  if (topic === internalTopicName(appId, 'dlq')) return true;
  if (!topic.startsWith(`${appId}-`)) return false;
  return INTERNAL_TOPIC_KINDS.some(
    (kind) => kind !== 'dlq' && topic.endsWith(`-${kind}`) && topic.length > appId.length + kind.length + 2,
  );
}

const DLQ_RETENTION_MS = 30 * DAY_MS;

/** An app's dead-letter topic: one partition (it is read by people, not by tasks), the reason in its headers. */
function dlqSpec(app: string, what: string): TopicSpec {
  return {
    name: internalTopicName(app, 'dlq'),
    partitions: 1,
    retentionMs: DLQ_RETENTION_MS,
    cleanupPolicy: 'delete',
    key: 'source key',
    description: `${what}, with the reason in headers`,
  };
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
  usageEvents: {
    name: 'usage-events',
    partitions: 12,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'accountId',
    description: 'Usage events accepted by the API; the usage processor stores them in ClickHouse, once each',
  },
  masterData: {
    name: 'master-data',
    partitions: 6,
    retentionMs: -1,
    cleanupPolicy: 'compact',
    key: '<kind>:<id>',
    description: 'Latest version of every category, product, configuration and billing account; deletes are tombstones',
  },
  ledgerDlq: dlqSpec('ledger', 'Records the ledger app could not deserialize or process'),
  activityDlq: dlqSpec('activity', 'user-events records the activity app could not deserialize or store'),
  billingDlq: dlqSpec('billing', 'Billing commands and view rows the billing app could not process or store'),
  paymentsDlq: dlqSpec(
    'payments',
    'Payment commands, gateway results and view rows the payments app could not process',
  ),
  subscriptionsDlq: dlqSpec(
    'subscriptions',
    'Subscription commands and view rows the subscriptions app could not process',
  ),
  analyticsDlq: dlqSpec('analytics', 'Events and view rows the analytics app could not process or store'),
  usageDlq: dlqSpec('usage', 'usage-events records the usage app could not deserialize or store'),
  webhooksDlq: dlqSpec('webhooks', 'Domain events the webhooks app could not decode or hand to the delivery queue'),
} as const satisfies Record<string, TopicSpec>;

export type TopicId = keyof typeof TOPICS;
export const TOPIC_LIST: readonly TopicSpec[] = Object.values(TOPICS);

/**
 * Topics of the `sums` app, the engine's exactly-once proof and benchmark
 * topology. Its tests and the benchmark create them with the partitions they
 * measure, so the orchestrator does not (they are not in `TOPIC_LIST`).
 */
export const PROOF_TOPICS = {
  sumsInput: {
    name: 'sums-input',
    partitions: 12,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'sum key',
    description: 'Amounts to add up, per key (tests and benchmark only)',
  },
  sumsOutput: {
    name: 'sums-output',
    partitions: 12,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    key: 'sum key',
    description: 'Running total per key after each amount (tests and benchmark only)',
  },
  sumsDlq: dlqSpec('sums', 'Amounts the sums app could not process'),
} as const satisfies Record<string, TopicSpec>;

/**
 * The physical topic name. A prefix lets a test run own its topics on a shared
 * broker; production and `npm start` use no prefix.
 */
export function topicName(spec: TopicSpec, prefix = ''): string {
  if (spec.name.length === 0) throw new Error('topic spec without a name');
  if (!/^[a-zA-Z0-9._-]*$/.test(prefix)) throw new Error(`invalid topic prefix ${prefix}`);
  return `${prefix}${spec.name}`;
}
