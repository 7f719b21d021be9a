import { BillingCommand, SubscriptionCommand, TOPICS, topicName } from '@billstream/contracts';
import { z } from 'zod';
import { keyValueStoreBuilder, StreamsBuilder, stringSerde, type Topology, zodSerde } from '../../engine/index.ts';
import type { SubscriptionOutput } from './subscriptionOutputs.ts';
import { BoundaryEntry, PlanState, SubscriptionState } from './subscriptionState.ts';
import {
  BOUNDARIES_STORE,
  CLOCKS_STORE,
  PLANS_STORE,
  SUBSCRIPTIONS_STORE,
  type SubscriptionsInput,
  SubscriptionsProcessor,
} from './subscriptionsProcessor.ts';

export const SUBSCRIPTION_VIEWS = {
  plans: 'subscriptions_plans',
  subscriptions: 'subscriptions_subscriptions',
  rejections: 'subscriptions_rejections',
} as const;

/**
 * subscription-commands + billing-commands (test clock advances), both keyed
 * by organization → SubscriptionsProcessor → CreateInvoice on billing-commands,
 * the plans and subscriptions views, and refused commands in Redis.
 */
export function subscriptionsTopology(prefix: string): Topology {
  const builder = new StreamsBuilder();
  builder.addStateStore(keyValueStoreBuilder(PLANS_STORE, stringSerde, zodSerde(PlanState)));
  builder.addStateStore(keyValueStoreBuilder(SUBSCRIPTIONS_STORE, stringSerde, zodSerde(SubscriptionState)));
  builder.addStateStore(keyValueStoreBuilder(BOUNDARIES_STORE, stringSerde, zodSerde(BoundaryEntry)));
  builder.addStateStore(keyValueStoreBuilder(CLOCKS_STORE, stringSerde, zodSerde(z.number().int())));
  const billingTopic = topicName(TOPICS.billingCommands, prefix);
  const own = builder
    .stream(topicName(TOPICS.subscriptionCommands, prefix), {
      keySerde: stringSerde,
      valueSerde: zodSerde(SubscriptionCommand),
    })
    .mapValues((command): SubscriptionsInput => ({ source: 'subscriptions', command }));
  const clocks = builder
    .stream(billingTopic, { keySerde: stringSerde, valueSerde: zodSerde(BillingCommand) })
    .mapValues((command): SubscriptionsInput => ({ source: 'billing', command }));
  const outputs = own.merge(clocks).process<string, SubscriptionOutput>(() => new SubscriptionsProcessor(), {
    stores: [PLANS_STORE, SUBSCRIPTIONS_STORE, BOUNDARIES_STORE, CLOCKS_STORE],
    name: 'subscriptions',
  });
  outputs
    .filter((_key, output) => output.kind === 'command')
    .mapValues((output) => (output.kind === 'command' ? output.command : null) as BillingCommand)
    .to(billingTopic, { keySerde: stringSerde, valueSerde: zodSerde(BillingCommand) });
  const rows = (kind: SubscriptionOutput['kind']) =>
    outputs.filter((_key, output) => output.kind === kind).mapValues((output) => ('row' in output ? output.row : null));
  rows('plan').toPostgres(SUBSCRIPTION_VIEWS.plans);
  rows('subscription').toPostgres(SUBSCRIPTION_VIEWS.subscriptions);
  rows('rejection').toRedis(SUBSCRIPTION_VIEWS.rejections);
  return builder.build();
}
