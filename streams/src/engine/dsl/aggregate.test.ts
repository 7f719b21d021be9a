import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { jsonSerde } from '../serde/json.ts';
import { decimalSerde, numberSerde, stringSerde } from '../serde/primitive.ts';
import { nullableSerde } from '../serde/serde.ts';
import { TopologyTestDriver } from '../testing/topologyTestDriver.ts';
import { StreamsBuilder } from './streamsBuilder.ts';

const strings = { keySerde: stringSerde, valueSerde: stringSerde };
interface Payment {
  readonly account: string;
  readonly amount: string;
}
const payments = { keySerde: stringSerde, valueSerde: jsonSerde<Payment>() };

describe('KGroupedStream aggregations', () => {
  it('count, reduce and aggregate materialize into changelogged stores', () => {
    const builder = new StreamsBuilder();
    const grouped = builder.stream('in', strings).groupByKey();
    grouped.count({ storeName: 'counts' }).toStream().to('counts-out', { valueSerde: numberSerde });
    grouped.reduce((a, b) => `${a}+${b}`, { storeName: 'joined' });
    grouped.aggregate(
      () => 0,
      (_k, v, sum) => sum + v.length,
      { storeName: 'lengths', valueSerde: numberSerde },
    );
    const driver = new TopologyTestDriver(builder.build(), { appId: 'agg' });
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    input.pipeKeyValueList([
      { key: 'a', value: 'x' },
      { key: 'b', value: 'yy' },
      { key: 'a', value: 'zzz' },
    ]);
    expect([...driver.getKeyValueStore('counts').all()]).toEqual([
      { key: 'a', value: 2 },
      { key: 'b', value: 1 },
    ]);
    expect(driver.getKeyValueStore('joined').get('a')).toBe('x+zzz');
    expect(driver.getKeyValueStore('lengths').get('a')).toBe(4);
    const updates = driver.createOutputTopic('counts-out', stringSerde, numberSerde).readKeyValuesToList();
    expect(updates).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: 1 },
      { key: 'a', value: 2 },
    ]);
    expect(driver.changelogRecords('counts').map((r) => r.topic)).toEqual(Array(3).fill('agg-counts-changelog'));
  });

  it('drops records with a null key and counts them', () => {
    const builder = new StreamsBuilder();
    builder
      .stream('in', { keySerde: nullableSerde(stringSerde), valueSerde: stringSerde })
      .groupByKey()
      .count({
        storeName: 'counts',
        keySerde: stringSerde,
      });
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('in', stringSerde, stringSerde).pipeInput(null, 'v', 0);
    expect(driver.getKeyValueStore('counts').approximateNumEntries()).toBe(0);
    expect(driver.droppedRecords('null-key')).toBe(1);
  });

  it('sums decimals exactly, carried as strings', () => {
    const builder = new StreamsBuilder();
    builder
      .stream('payments', payments)
      .groupByKey()
      .aggregate(
        () => new Decimal(0),
        (_k, payment, sum) => sum.plus(payment.amount),
        { storeName: 'balances', valueSerde: decimalSerde },
      );
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('payments', stringSerde, jsonSerde<Payment>());
    for (const amount of ['0.10', '0.20', '-0.05']) input.pipeInput('acct', { account: 'acct', amount }, 0);
    expect(driver.getKeyValueStore<string, Decimal>('balances').get('acct')!.toFixed(2)).toBe('0.25');
  });
});

describe('repartitioning', () => {
  function rekeyedTotals() {
    const builder = new StreamsBuilder();
    builder
      .stream('payments', payments)
      .selectKey((_k, payment) => payment.account)
      .groupByKey({ keySerde: stringSerde, name: 'by-account' })
      .count({ storeName: 'per-account' });
    return builder.build();
  }

  it('inserts a repartition topic after selectKey and routes records by key to the owning task', () => {
    const topology = rekeyedTotals();
    const subs = topology.subtopologies('bill');
    expect(subs.map((s) => s.sourceTopics)).toEqual([['payments'], ['bill-by-account-repartition']]);
    expect(subs[0]!.repartitionSinkTopics).toEqual(['bill-by-account-repartition']);
    const driver = new TopologyTestDriver(topology, { appId: 'bill', partitions: { payments: 4 } });
    expect(driver.taskIds()).toEqual(['0_0', '0_1', '0_2', '0_3', '1_0', '1_1', '1_2', '1_3']);
    const input = driver.createInputTopic('payments', stringSerde, jsonSerde<Payment>());
    for (let index = 0; index < 40; index++) {
      input.pipeInput(`payment-${index}`, { account: `acct-${index % 5}`, amount: '1' }, index);
    }
    const store = driver.getKeyValueStore<string, number>('per-account');
    expect([...store.all()].map((e) => e.value)).toEqual([8, 8, 8, 8, 8]);
    // Each account lives in exactly one task's store.
    const snapshots = [...driver.storeSnapshots()].filter(([id]) => id.endsWith('/per-account'));
    expect(snapshots.reduce((sum, [, entries]) => sum + entries.length, 0)).toBe(5);
  });

  it('groupBy repartitions, and a stream whose key did not change does not', () => {
    const builder = new StreamsBuilder();
    const stream = builder.stream('payments', payments);
    stream.groupBy((_k, p) => p.account, { keySerde: stringSerde }).count({ storeName: 'a' });
    stream
      .filter(() => true)
      .groupByKey()
      .count({ storeName: 'b' });
    const subs = builder.build().subtopologies('x');
    expect(subs).toHaveLength(2);
    expect(subs[0]!.stores).toEqual(['b']);
    expect(subs[1]!.stores).toEqual(['a']);
    expect(subs[1]!.sourceTopics).toEqual(['x-a-repartition']);
  });

  it('needs a key serde to repartition after a key change', () => {
    const builder = new StreamsBuilder();
    const grouped = builder
      .stream('payments', payments)
      .selectKey((_k, p) => p.account)
      .groupByKey();
    expect(() => grouped.count()).toThrow(/needs a key serde/);
  });
});

describe('explicit repartition()', () => {
  it('sends records through a named internal topic, partitioned by the current key', () => {
    const builder = new StreamsBuilder();
    builder.stream('in', strings).repartition({ name: 'spread' }).to('out');
    const topology = builder.build();
    expect(topology.subtopologies('app').map((s) => s.sourceTopics)).toEqual([['in'], ['app-spread-repartition']]);
    const driver = new TopologyTestDriver(topology, { appId: 'app', partitions: { in: 3 } });
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    for (const key of ['a', 'b', 'c', 'd']) input.pipeInput(key, key, 0);
    const out = driver.createOutputTopic('out', stringSerde, stringSerde).readKeyValuesToList();
    expect(out.map((kv) => kv.key).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(() => builder.build()).toThrow(/called twice/);
  });
});
