import { topologyApp } from '../../runtime/index.ts';
import { LEDGER_VIEWS, ledgerTopology } from './ledgerTopology.ts';
import { balancesView, holdsView, transactionsView } from './ledgerViews.ts';

export const ledgerApp = topologyApp({
  name: 'ledger',
  description:
    'Applies credit/debit commands to account balances (exactly-once; PostgreSQL + Redis views, transaction-events)',
  defaultPort: 9002,
  build: (config) => ledgerTopology(config.topicPrefix),
  views: {
    [LEDGER_VIEWS.transactions]: transactionsView,
    [LEDGER_VIEWS.balances]: balancesView,
    [LEDGER_VIEWS.holds]: holdsView,
  },
});
