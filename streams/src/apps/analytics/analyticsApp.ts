import { topologyApp } from '../../runtime/index.ts';
import { ANALYTICS_VIEWS, analyticsTopology } from './analyticsTopology.ts';
import { paymentsHourlyView, receivablesView, revenueDailyView, transactionsMinuteView } from './analyticsViews.ts';

export const analyticsApp = topologyApp({
  name: 'analytics',
  description:
    'Windowed revenue, invoice, transaction and payment aggregates and receivables (PostgreSQL history + Redis live)',
  defaultPort: 9004,
  build: (config) => analyticsTopology(config.topicPrefix),
  views: {
    [ANALYTICS_VIEWS.revenueDaily]: revenueDailyView,
    [ANALYTICS_VIEWS.transactionsMinute]: transactionsMinuteView,
    [ANALYTICS_VIEWS.paymentsHourly]: paymentsHourlyView,
    [ANALYTICS_VIEWS.receivables]: receivablesView,
  },
});
