import { topologyApp } from '../../runtime/index.ts';
import { BILLING_VIEWS, billingTopology } from './billingTopology.ts';
import {
  invoiceLinesView,
  invoicesView,
  rejectionsView,
  remindersView,
  statusHistoryView,
  testClocksView,
} from './billingViews.ts';

export const billingApp = topologyApp({
  name: 'billing',
  description:
    'Prices, numbers and tracks invoices from billing-commands and master data (exactly-once; invoice views)',
  defaultPort: 9001,
  build: (config) => billingTopology(config.topicPrefix),
  views: {
    [BILLING_VIEWS.invoices]: invoicesView,
    [BILLING_VIEWS.lines]: invoiceLinesView,
    [BILLING_VIEWS.history]: statusHistoryView,
    [BILLING_VIEWS.clocks]: testClocksView,
    [BILLING_VIEWS.reminders]: remindersView,
    [BILLING_VIEWS.rejections]: rejectionsView,
  },
});
