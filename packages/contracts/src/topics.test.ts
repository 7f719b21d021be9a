import { describe, expect, it } from 'vitest';
import { internalTopicName, isInternalTopicOf, TOPIC_LIST, TOPICS, topicName } from './topics.ts';

describe('topic registry', () => {
  it('has the design topics with their partitions and retention', () => {
    const day = 86_400_000;
    expect(TOPICS.userEvents).toMatchObject({ name: 'user-events', partitions: 6, retentionMs: 7 * day });
    expect(TOPICS.billingEvents).toMatchObject({ name: 'billing-events', partitions: 12, retentionMs: 30 * day });
    expect(TOPICS.transactionEvents).toMatchObject({
      name: 'transaction-events',
      partitions: 12,
      retentionMs: 90 * day,
    });
    expect(TOPICS.paymentEvents).toMatchObject({ name: 'payment-events', partitions: 6, retentionMs: 30 * day });
    expect(TOPICS.masterData.cleanupPolicy).toBe('compact');
  });

  it('co-partitions each command topic with its event topic', () => {
    expect(TOPICS.transactionCommands.partitions).toBe(TOPICS.transactionEvents.partitions);
    expect(TOPICS.billingCommands.partitions).toBe(TOPICS.billingEvents.partitions);
    // The subscriptions app reads both command topics in one task per organization.
    expect(TOPICS.subscriptionCommands.partitions).toBe(TOPICS.billingCommands.partitions);
    expect(TOPICS.subscriptionCommands.key).toBe(TOPICS.billingCommands.key);
    // The payments processor reads commands and gateway results together.
    expect(TOPICS.paymentCommands.partitions).toBe(TOPICS.paymentEvents.partitions);
  });

  it('has unique names and applies the prefix', () => {
    expect(new Set(TOPIC_LIST.map((spec) => spec.name)).size).toBe(TOPIC_LIST.length);
    expect(topicName(TOPICS.userEvents, 't1.')).toBe('t1.user-events');
    expect(() => topicName(TOPICS.userEvents, 'bad prefix')).toThrow();
  });

  it('names internal topics by one rule', () => {
    expect(internalTopicName('t1.ledger', 'changelog', 'accounts')).toBe('t1.ledger-accounts-changelog');
    expect(internalTopicName('t1.ledger', 'view', 'balances')).toBe('t1.ledger-balances-view');
    expect(internalTopicName('t1.ledger', 'dlq')).toBe('t1.ledger-dlq');
    expect(TOPICS.ledgerDlq.name).toBe(internalTopicName('ledger', 'dlq'));
    expect(() => internalTopicName('ledger', 'repartition')).toThrow();
    expect(isInternalTopicOf('t1.ledger', 't1.ledger-by-account-repartition')).toBe(true);
    expect(isInternalTopicOf('t1.ledger', 't1.ledger-audit-events')).toBe(false);
    expect(isInternalTopicOf('t1.ledger', 't1.billing-x-view')).toBe(false);
  });
});
