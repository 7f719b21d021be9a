import { describe, expect, it } from 'vitest';
import { jsonSerde } from '../serde/json.ts';
import { stringSerde } from '../serde/primitive.ts';
import { TopologyTestDriver } from '../testing/topologyTestDriver.ts';
import { TopologyError } from '../topology/errors.ts';
import { StreamsBuilder } from './streamsBuilder.ts';
import { JoinWindows } from './windows.ts';

const strings = { keySerde: stringSerde, valueSerde: stringSerde };

function read(driver: TopologyTestDriver, topic = 'out') {
  return driver
    .createOutputTopic(topic, stringSerde, stringSerde)
    .readRecordsToList()
    .map((r) => `${r.key}:${r.value}@${r.timestamp}`);
}

describe('stream–table joins', () => {
  function enrich(kind: 'inner' | 'left') {
    const builder = new StreamsBuilder();
    const accounts = builder.table('accounts', { ...strings, storeName: 'accounts' });
    const payments = builder.stream('payments', strings);
    const joined =
      kind === 'inner'
        ? payments.join(accounts, (payment, owner) => `${payment} by ${owner}`)
        : payments.leftJoin(accounts, (payment, owner) => `${payment} by ${owner ?? 'unknown'}`);
    joined.to('out', { valueSerde: stringSerde });
    const driver = new TopologyTestDriver(builder.build(), { partitions: { accounts: 2, payments: 2 } });
    return {
      driver,
      accounts: driver.createInputTopic('accounts', stringSerde, stringSerde),
      payments: driver.createInputTopic('payments', stringSerde, stringSerde),
    };
  }

  it('inner join drops stream records without a table row and sees table updates and deletes', () => {
    const { driver, accounts, payments } = enrich('inner');
    payments.pipeInput('acct-1', '5.00', 1);
    accounts.pipeInput('acct-1', 'ada', 2);
    payments.pipeInput('acct-1', '6.00', 3);
    accounts.pipeInput('acct-1', 'grace', 4);
    payments.pipeInput('acct-1', '7.00', 5);
    accounts.pipeInput('acct-1', null, 6);
    payments.pipeInput('acct-1', '8.00', 7);
    expect(read(driver)).toEqual(['acct-1:6.00 by ada@3', 'acct-1:7.00 by grace@5']);
  });

  it('left join passes null for a missing row', () => {
    const { driver, payments } = enrich('left');
    payments.pipeInput('acct-9', '1.00', 1);
    expect(read(driver)).toEqual(['acct-9:1.00 by unknown@1']);
  });

  it('requires co-partitioned inputs', () => {
    const builder = new StreamsBuilder();
    const accounts = builder.table('accounts', strings);
    builder.stream('payments', strings).join(accounts, (a, b) => a + b);
    expect(() => new TopologyTestDriver(builder.build(), { partitions: { accounts: 2, payments: 3 } })).toThrow(
      TopologyError,
    );
  });

  it('repartitions a re-keyed stream before joining', () => {
    const builder = new StreamsBuilder();
    const accounts = builder.table('accounts', strings);
    builder
      .stream('payments', { keySerde: stringSerde, valueSerde: jsonSerde<{ account: string }>() })
      .selectKey((_k, v) => v.account)
      .join(accounts, (payment, owner) => `${JSON.stringify(payment)}/${owner}`)
      .to('out', { keySerde: stringSerde, valueSerde: stringSerde });
    const topology = builder.build();
    const joining = topology.subtopologies('app').find((sub) => sub.sourceTopics.includes('accounts'))!;
    expect(joining.sourceTopics).toEqual(['accounts', 'app-KSTREAM-JOIN-0000000005-repartition']);
    const driver = new TopologyTestDriver(topology, { appId: 'app', partitions: { accounts: 3, payments: 2 } });
    driver.createInputTopic('accounts', stringSerde, stringSerde).pipeInput('a1', 'ada', 0);
    const payments = driver.createInputTopic('payments', stringSerde, jsonSerde<{ account: string }>());
    for (let index = 0; index < 6; index++) payments.pipeInput(`p${index}`, { account: 'a1' }, index);
    expect(read(driver)).toHaveLength(6);
  });
});

describe('stream–global table join', () => {
  it('looks rows up by a selected key across all partitions', () => {
    const builder = new StreamsBuilder();
    const currencies = builder.globalTable('currencies', { ...strings, storeName: 'currencies' });
    const payments = builder.stream('payments', {
      keySerde: stringSerde,
      valueSerde: jsonSerde<{ currency: string }>(),
    });
    payments
      .join(
        currencies,
        (_k, p) => p.currency,
        (p, name) => `${p.currency}=${name}`,
      )
      .to('out', { valueSerde: stringSerde });
    payments
      .leftJoin(
        currencies,
        (_k, p) => p.currency,
        (p, name) => `${p.currency}=${name}`,
      )
      .to('left', { valueSerde: stringSerde });
    const driver = new TopologyTestDriver(builder.build(), { partitions: { currencies: 3, payments: 2 } });
    const rates = driver.createInputTopic('currencies', stringSerde, stringSerde);
    rates.pipeInput('EUR', 'euro', 0);
    rates.pipeInput('USD', 'dollar', 0);
    const input = driver.createInputTopic('payments', stringSerde, jsonSerde<{ currency: string }>());
    input.pipeInput('p1', { currency: 'EUR' }, 1);
    input.pipeInput('p2', { currency: 'JPY' }, 2);
    expect(read(driver)).toEqual(['p1:EUR=euro@1']);
    expect(read(driver, 'left')).toEqual(['p1:EUR=euro@1', 'p2:JPY=null@2']);
    expect(driver.getKeyValueStore('currencies').get('USD')).toBe('dollar');
    driver.crashAndRestore();
    expect(driver.getKeyValueStore('currencies').get('USD')).toBe('dollar');
  });
});

describe('windowed stream–stream join', () => {
  it('pairs records within the time difference, both directions, with duplicates', () => {
    const builder = new StreamsBuilder();
    const orders = builder.stream('orders', strings);
    const shipments = builder.stream('shipments', strings);
    orders
      .join(shipments, (order, shipment) => `${order}+${shipment}`, JoinWindows.ofTimeDifferenceAndGrace(10, 5))
      .to('out', { valueSerde: stringSerde });
    const driver = new TopologyTestDriver(builder.build());
    const o = driver.createInputTopic('orders', stringSerde, stringSerde);
    const s = driver.createInputTopic('shipments', stringSerde, stringSerde);
    o.pipeInput('k', 'o1', 100);
    s.pipeInput('k', 's1', 105); // joins o1
    s.pipeInput('k', 's2', 111); // 11 after o1: no join
    o.pipeInput('k', 'o2', 108); // joins s1 and s2
    s.pipeInput('j', 's3', 108); // other key
    o.pipeInput('k', 'o3', 100); // joins s1 (duplicate timestamp of o1 is kept)
    expect(read(driver)).toEqual(['k:o1+s1@105', 'k:o2+s1@108', 'k:o2+s2@111', 'k:o3+s1@105']);
  });

  it('drops records too late to ever join', () => {
    const builder = new StreamsBuilder();
    const left = builder.stream('l', strings);
    left
      .join(builder.stream('r', strings), (a, b) => a + b, JoinWindows.ofTimeDifferenceWithNoGrace(5))
      .to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('l', stringSerde, stringSerde).pipeInput('k', 'x', 100);
    driver.createInputTopic('r', stringSerde, stringSerde).pipeInput('k', 'y', 90);
    expect(driver.droppedRecords('late-record')).toBe(1);
    expect(read(driver)).toEqual([]);
  });

  it('supports asymmetric windows', () => {
    const builder = new StreamsBuilder();
    const left = builder.stream('l', strings);
    const windows = JoinWindows.ofTimeDifferenceAndGrace(0, 100).after(10);
    left.join(builder.stream('r', strings), (a, b) => a + b, windows).to('out', strings);
    const driver = new TopologyTestDriver(builder.build());
    const l = driver.createInputTopic('l', stringSerde, stringSerde);
    const r = driver.createInputTopic('r', stringSerde, stringSerde);
    l.pipeInput('k', 'a', 50);
    r.pipeInput('k', 'b', 45); // before the left record: outside [50, 60]
    r.pipeInput('k', 'c', 60);
    expect(read(driver)).toEqual(['k:ac@60']);
  });
});

describe('table–table joins', () => {
  function tables(kind: 'inner' | 'left') {
    const builder = new StreamsBuilder();
    const accounts = builder.table('accounts', strings);
    const limits = builder.table('limits', strings);
    const joined =
      kind === 'inner'
        ? accounts.join(limits, (name, limit) => `${name}<=${limit}`)
        : accounts.leftJoin(limits, (name, limit) => `${name}<=${limit ?? 'none'}`);
    joined.toStream().to('out', { keySerde: stringSerde, valueSerde: stringSerde });
    joined.toPostgres('account_limits');
    const driver = new TopologyTestDriver(builder.build());
    return {
      driver,
      accounts: driver.createInputTopic('accounts', stringSerde, stringSerde),
      limits: driver.createInputTopic('limits', stringSerde, stringSerde),
    };
  }

  it('inner: a row exists while both sides have the key; deletes propagate as tombstones', () => {
    const { driver, accounts, limits } = tables('inner');
    accounts.pipeInput('a', 'ada', 1);
    limits.pipeInput('a', '100', 2);
    limits.pipeInput('a', '200', 3);
    accounts.pipeInput('a', null, 4);
    expect(read(driver)).toEqual(['a:null@1', 'a:ada<=100@2', 'a:ada<=200@3', 'a:null@4']);
    expect(driver.viewState('account_limits').size).toBe(0);
  });

  it('left: a row exists while the left side has the key', () => {
    const { driver, accounts, limits } = tables('left');
    accounts.pipeInput('a', 'ada', 1);
    limits.pipeInput('a', '100', 2);
    limits.pipeInput('a', null, 3);
    limits.pipeInput('b', '5', 4);
    expect(read(driver)).toEqual(['a:ada<=none@1', 'a:ada<=100@2', 'a:ada<=none@3', 'b:null@4']);
    expect([...driver.viewState('account_limits')]).toEqual([['"a"', 'ada<=none']]);
  });
});
