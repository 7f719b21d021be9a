import { TransactionEvent } from '@billstream/contracts';
import { describe, expect, it } from 'vitest';
import { stringSerde, TopologyTestDriver, zodSerde } from '../../engine/index.ts';
import { ACCOUNT, accountData, appDriver, envelopeFactory, ORG, uuidSequence } from '../testIds.ts';
import { ledgerTopology } from './ledgerTopology.ts';

const uuid = uuidSequence();

const T0 = '2026-11-25T10:00:00.000Z';
const envelope = envelopeFactory(uuid, T0);
const account = (overrides: Record<string, unknown> = {}) =>
  envelope('BillingAccountUpserted', accountData(T0, overrides));

function txn(type: 'credit' | 'debit', amount: string, transactionId = uuid(), accountId = ACCOUNT) {
  return {
    eventId: uuid(),
    occurredAt: '2026-11-25T10:00:00.000Z',
    source: 'test',
    type: 'TransactionRequested',
    version: 1,
    data: { transactionId, accountId, type, amount, currency: 'USD' },
  };
}

function setup() {
  const driver = appDriver(ledgerTopology(''), 'ledger');
  const input = driver.createInputTopic('transaction-commands', stringSerde, stringSerde);
  const events = driver.createOutputTopic('transaction-events', stringSerde, zodSerde(TransactionEvent));
  const send = (value: object) => input.pipeInput(ACCOUNT, JSON.stringify(value));
  return { driver, input, events, send };
}

describe('ledger topology (test driver)', () => {
  it('credits, debits and refuses an overdraft with a reason; balances and rows go to the views', () => {
    const { driver, events, send } = setup();
    send(account());
    send(txn('credit', '100.10'));
    send(txn('debit', '30.05'));
    const overdraft = txn('debit', '70.06');
    send(overdraft);
    const verdicts = events
      .readKeyValuesToList()
      .map((entry) => entry.value)
      .map((event) => [event!.type, event!.data.balanceAfter]);
    expect(verdicts).toEqual([
      ['TransactionCompleted', '100.10'],
      ['TransactionCompleted', '70.05'],
      ['TransactionRejected', '70.05'],
    ]);
    expect(driver.viewState('ledger_balances').get(JSON.stringify(ACCOUNT))).toMatchObject({
      balance: '70.05',
      version: 2,
    });
    expect(driver.viewState('ledger_transactions').get(JSON.stringify(overdraft.data.transactionId))).toMatchObject({
      status: 'rejected',
      reason: 'insufficient_funds',
      organizationId: ORG,
    });
  });

  it('applies a redelivered transaction id once', () => {
    const { events, send } = setup();
    send(account());
    const credit = txn('credit', '10.00');
    send(credit);
    send({ ...credit, eventId: uuid() });
    expect(events.readKeyValuesToList().map((entry) => entry.value)).toHaveLength(1);
  });

  it('rejects commands for unknown, frozen (debits) or closed accounts', () => {
    const { events, send } = setup();
    send(txn('credit', '1.00'));
    send(account({ status: 'frozen' }));
    send(txn('debit', '1.00'));
    send(account({ status: 'closed' }));
    send(txn('credit', '1.00'));
    const reasons = events
      .readKeyValuesToList()
      .map((entry) => entry.value)
      .map((event) => (event!.type === 'TransactionRejected' ? event!.data.reason : null));
    expect(reasons).toEqual(['account_not_found', 'account_not_active', 'account_not_active']);
  });

  it('keeps the balance across a crash and restore from the changelog', () => {
    const { driver, events, send } = setup();
    send(account({ creditLimit: '5' }));
    send(txn('credit', '1.00'));
    driver.crashAndRestore();
    send(txn('debit', '6.00'));
    const last = events
      .readKeyValuesToList()
      .map((entry) => entry.value)
      .at(-1)!;
    expect([last.type, last.data.balanceAfter]).toEqual(['TransactionCompleted', '-5.00']);
  });

  it('dead-letters records that are not valid commands', () => {
    const { driver, input, events } = setup();
    input.pipeInput(ACCOUNT, '{oops');
    input.pipeInput(ACCOUNT, JSON.stringify({ ...txn('credit', '1.00'), version: 2 }));
    expect(driver.deadLetters().map((letter) => letter.reason)).toEqual([
      expect.stringContaining('invalid JSON'),
      expect.stringContaining('schema violation'),
    ]);
    expect(events.isEmpty()).toBe(true);
  });

  describe('holds (two-phase)', () => {
    const hold = (amount: string, expiresAt = '2026-11-26T10:00:00.000Z', holdId = uuid()) => ({
      eventId: uuid(),
      occurredAt: '2026-11-25T10:00:00.000Z',
      source: 'test',
      type: 'HoldRequested',
      version: 1,
      data: { holdId, accountId: ACCOUNT, amount, currency: 'USD', expiresAt },
    });
    const capture = (holdId: string, amount: string) => ({
      eventId: uuid(),
      occurredAt: '2026-11-25T10:00:00.000Z',
      source: 'test',
      type: 'HoldCaptureRequested',
      version: 1,
      data: { holdId, accountId: ACCOUNT, transactionId: uuid(), amount },
    });
    const voidHold = (holdId: string) => ({
      eventId: uuid(),
      occurredAt: '2026-11-25T10:00:00.000Z',
      source: 'test',
      type: 'HoldVoidRequested',
      version: 1,
      data: { holdId, accountId: ACCOUNT },
    });
    const NOW_MS = Date.parse('2026-11-25T10:00:00.000Z');
    function holdSetup() {
      const driver = new TopologyTestDriver(ledgerTopology(''), { appId: 'ledger', initialWallClockMs: NOW_MS });
      const input = driver.createInputTopic('transaction-commands', stringSerde, stringSerde);
      const events = driver.createOutputTopic('transaction-events', stringSerde, zodSerde(TransactionEvent));
      const send = (value: object) => input.pipeInput(ACCOUNT, JSON.stringify(value), NOW_MS);
      const balance = () => driver.viewState('ledger_balances').get(JSON.stringify(ACCOUNT));
      const holdRow = (id: string) => driver.viewState('ledger_holds').get(JSON.stringify(id));
      send(account());
      send(txn('credit', '100.00'));
      return { driver, events, send, balance, holdRow };
    }

    it('a hold lowers the available balance, and a debit may only use what is available', () => {
      const { send, balance, events } = holdSetup();
      const placed = hold('70.00');
      send(placed);
      expect(balance()).toMatchObject({ balance: '100.00', available: '30.00' });
      send(txn('debit', '30.01'));
      send(hold('30.01'));
      const verdicts = events.readKeyValuesToList().map((entry) => entry.value!.type);
      expect(verdicts).toEqual(['TransactionCompleted', 'TransactionRejected']);
      expect(balance()).toMatchObject({ balance: '100.00', available: '30.00' });
    });

    it('a partial capture posts a debit and releases the rest; a second capture does nothing', () => {
      const { send, balance, events, holdRow } = holdSetup();
      const placed = hold('70.00');
      send(placed);
      send(capture(placed.data.holdId, '50.00'));
      send(capture(placed.data.holdId, '10.00'));
      expect(balance()).toMatchObject({ balance: '50.00', available: '50.00' });
      expect(holdRow(placed.data.holdId)).toMatchObject({ status: 'captured', capturedAmount: '50' });
      const debits = events.readKeyValuesToList().filter((entry) => entry.value!.data.type === 'debit');
      expect(debits.map((entry) => [entry.value!.type, entry.value!.data.amount])).toEqual([
        ['TransactionCompleted', '50.00'],
      ]);
    });

    it('a void releases the hold; an expired hold is released by the wall clock', () => {
      const { driver, send, balance, holdRow } = holdSetup();
      const voided = hold('20.00');
      const expiring = hold('30.00', '2026-11-25T10:00:30.000Z');
      send(voided);
      send(expiring);
      expect(balance()).toMatchObject({ available: '50.00' });
      send(voidHold(voided.data.holdId));
      expect(balance()).toMatchObject({ available: '70.00' });
      driver.advanceWallClockTime(29_000);
      expect(holdRow(expiring.data.holdId)).toMatchObject({ status: 'pending' });
      driver.advanceWallClockTime(10_000);
      expect(holdRow(expiring.data.holdId)).toMatchObject({ status: 'expired' });
      expect(balance()).toMatchObject({ balance: '100.00', available: '100.00' });
      expect(holdRow(voided.data.holdId)).toMatchObject({ status: 'voided' });
    });

    it('holds survive a crash: the reservation is restored from the changelog', () => {
      const { driver, send, balance } = holdSetup();
      send(hold('60.00'));
      driver.crashAndRestore();
      send(txn('debit', '40.01'));
      expect(balance()).toMatchObject({ balance: '100.00', available: '40.00' });
    });
  });

  it('rejects credits that would overflow the money range and goes on with later commands', () => {
    const { driver, events, send } = setup();
    send(account({ creditLimit: '999999999999999.99' }));
    const max = '999999999999999.99';
    send(txn('credit', max));
    send(txn('credit', max));
    send(txn('credit', max));
    send(txn('debit', '1.00'));
    const verdicts = events
      .readKeyValuesToList()
      .map((entry) => entry.value!)
      .map((event) => [
        event.type === 'TransactionRejected' ? event.data.reason : 'completed',
        event.data.balanceAfter,
      ]);
    expect(verdicts).toEqual([
      ['completed', max],
      ['amount_out_of_range', max],
      ['amount_out_of_range', max],
      ['completed', '999999999999998.99'],
    ]);
    expect(driver.deadLetters()).toEqual([]);
  });

  it('debits at the credit limit of the money range stay in range; one cent more is insufficient funds', () => {
    const { events, send } = setup();
    send(account({ creditLimit: '999999999999999.99' }));
    send(txn('debit', '999999999999999.99'));
    send(txn('debit', '0.01'));
    const reasons = events
      .readKeyValuesToList()
      .map((entry) => entry.value!)
      .map((event) => (event.type === 'TransactionRejected' ? event.data.reason : event.data.balanceAfter));
    expect(reasons).toEqual(['-999999999999999.99', 'insufficient_funds']);
  });
});
