import { topologyApp } from '../../runtime/index.ts';
import { SUBSCRIPTION_VIEWS, subscriptionsTopology } from './subscriptionsTopology.ts';
import { plansView, subscriptionRejectionsView, subscriptionsView } from './subscriptionsViews.ts';

export const subscriptionsApp = topologyApp({
  name: 'subscriptions',
  description:
    'Recurring billing: plans, subscriptions and one CreateInvoice per period boundary (wall clock or test clock; exactly-once)',
  defaultPort: 9005,
  build: (config) => subscriptionsTopology(config.topicPrefix),
  views: {
    [SUBSCRIPTION_VIEWS.plans]: plansView,
    [SUBSCRIPTION_VIEWS.subscriptions]: subscriptionsView,
    [SUBSCRIPTION_VIEWS.rejections]: subscriptionRejectionsView,
  },
});
