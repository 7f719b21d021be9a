import { BillingAccountUpserted, CustomerEvent, TransactionEvent } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { stringSerde, TopologyTestDriver, zodSerde } from '../../engine/index.ts';
import { ledgerTopology } from './ledgerTopology.ts';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const OTHER_ORG = '00000000-0000-4000-8000-0000000000bb';
const ACCOUNT = '00000000-0000-4000-8000-000000000001';
let counter = 0;
const uuid = () => `00000000-0000-4000-9000-${String(++counter).padStart(12, '0')}`;
const AT = '2026-12-09T10:00:00.000Z';

function command(type: string, data: Record<string, unknown>) {
  const eventId = uuid();
  return {
    eventId,
    occurredAt: AT,
    source: 'test',
    type,
    version: 1,
    data: { accountId: ACCOUNT, organizationId: ORG, requestedAt: AT, ...data },
  };
}

const open = () =>
  command('AccountOpenRequested', {
    accountNumber: 'CUS-1',
    currency: 'EUR',
    creditLimit: '50',
    customer: {
      legalName: 'Acme SARL',
      billingEmail: 'billing@acme.test',
      address: {
        line1: '1 rue de la Paix',
        line2: null,
        city: 'Paris',
        postalCode: '75002',
        region: null,
        country: 'FR',
      },
      taxId: 'FR123',
      paymentTermsDays: 15,
      timezone: 'Europe/Paris',
      externalId: 'crm-1',
    },
  });
const status = (action: string, organizationId = ORG) =>
  command('AccountStatusChangeRequested', { action, reason: null, organizationId });
const txn = (type: 'credit' | 'debit', amount: string) =>
  command('TransactionRequested', { transactionId: uuid(), type, amount, currency: 'EUR' });

function setup() {
  const driver = new TopologyTestDriver(ledgerTopology(''), { appId: 'ledger', onDeserializationError: 'dead-letter' });
  const input = driver.createInputTopic('transaction-commands', stringSerde, stringSerde);
  const customers = driver.createOutputTopic('customer-events', stringSerde, zodSerde(CustomerEvent));
  const masterData = driver.createOutputTopic('master-data', stringSerde, zodSerde(BillingAccountUpserted));
  const verdicts = driver.createOutputTopic('transaction-events', stringSerde, zodSerde(TransactionEvent));
  const send = (value: { type: string; data: Record<string, unknown> }) => {
    const { organizationId: _org, requestedAt: _at, ...txnData } = value.data;
    const body = value.type === 'TransactionRequested' ? { ...value, data: txnData } : value;
    input.pipeInput(ACCOUNT, JSON.stringify(body));
  };
  const row = () => driver.viewState('ledger_accounts').get(JSON.stringify(ACCOUNT));
  const reasons = () =>
    verdicts
      .readKeyValuesToList()
      .map(({ value }) => (value?.type === 'TransactionRejected' ? value.data.reason : value?.type));
  return { send, customers, masterData, row, reasons };
}

describe('ledger account commands (test driver)', () => {
  it('opens an account once: CustomerCreated, master-data and the accounts view; a redelivery changes nothing', () => {
    const { send, customers, masterData, row } = setup();
    const opening = open();
    send(opening);
    send(opening);
    const events = customers.readKeyValuesToList();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      key: ACCOUNT,
      value: { type: 'CustomerCreated', eventId: opening.eventId, data: { legalName: 'Acme SARL', status: 'active' } },
    });
    expect(masterData.readKeyValuesToList()[0]).toMatchObject({
      key: `account:${ACCOUNT}`,
      value: { data: { accountNumber: 'CUS-1', currency: 'EUR', status: 'active', creditLimit: '50' } },
    });
    expect(row()).toMatchObject({ externalId: 'crm-1', timezone: 'Europe/Paris', detailsVersion: 1 });
  });

  it('an update names the fields that changed and merges the rest; a no-op announces nothing', () => {
    const { send, customers, row } = setup();
    send(open());
    send(command('AccountUpdateRequested', { changes: { taxId: 'FR999', billingEmail: 'billing@acme.test' } }));
    send(command('AccountUpdateRequested', { changes: { taxId: 'FR999' } }));
    send(command('AccountUpdateRequested', { changes: { creditLimit: '75' } }));
    const updates = customers.readKeyValuesToList().slice(1);
    expect(updates.map(({ value }) => (value?.type === 'CustomerUpdated' ? value.data.changedFields : null))).toEqual([
      ['taxId'],
      ['creditLimit'],
    ]);
    expect(row()).toMatchObject({ taxId: 'FR999', legalName: 'Acme SARL', creditLimit: '75', detailsVersion: 3 });
  });

  it('a frozen account refuses debits and takes credits; closed refuses everything; reopen restores', () => {
    const { send, reasons, row } = setup();
    send(open());
    send(txn('credit', '10.00'));
    send(status('freeze'));
    send(txn('debit', '1.00'));
    send(txn('credit', '1.00'));
    send(status('close'));
    send(txn('credit', '1.00'));
    send(status('reopen'));
    send(txn('debit', '1.00'));
    expect(reasons()).toEqual([
      'TransactionCompleted',
      'account_not_active',
      'TransactionCompleted',
      'account_not_active',
      'TransactionCompleted',
    ]);
    expect(row()).toMatchObject({ status: 'active', detailsVersion: 4 });
  });

  it('ignores invalid transitions and commands naming another organization', () => {
    const { send, customers, row } = setup();
    send(open());
    send(status('reopen'));
    send(status('freeze', OTHER_ORG));
    send(command('AccountUpdateRequested', { organizationId: OTHER_ORG, changes: { legalName: 'Stolen' } }));
    expect(customers.readKeyValuesToList()).toHaveLength(1);
    expect(row()).toMatchObject({ status: 'active', legalName: 'Acme SARL' });
  });
});
