import { describe, expect, it } from 'vitest';
import type { ProcessorContext } from '../processor/processor.ts';
import { numberSerde, stringSerde } from '../serde/primitive.ts';
import { type KeyValueStore, keyValueStoreBuilder } from '../state/keyValueStore.ts';
import { TopologyTestDriver } from '../testing/topologyTestDriver.ts';
import { StreamsBuilder } from './streamsBuilder.ts';

const strings = { keySerde: stringSerde, valueSerde: stringSerde };

describe('KTable', () => {
  it('table() materializes the latest value per key; tombstones delete', () => {
    const builder = new StreamsBuilder();
    builder.table('accounts', { ...strings, storeName: 'accounts' });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('accounts', stringSerde, stringSerde);
    input.pipeInput('a', 'v1', 0);
    input.pipeInput('b', 'v1', 0);
    input.pipeInput('a', 'v2', 0);
    input.pipeInput('b', null, 0);
    const store = driver.getKeyValueStore<string, string>('accounts');
    expect([...store.all()]).toEqual([{ key: 'a', value: 'v2' }]);
    expect(driver.changelogRecords('accounts').at(-1)!.value).toBeNull();
  });

  it('filter turns non-matching rows into deletes; mapValues and toStream carry updates', () => {
    const builder = new StreamsBuilder();
    builder
      .table('limits', { keySerde: stringSerde, valueSerde: numberSerde })
      .filter((_k, limit) => limit >= 100)
      .mapValues((limit) => `limit ${limit}`)
      .toStream()
      .to('out', { valueSerde: stringSerde });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('limits', stringSerde, numberSerde);
    input.pipeInput('a', 500, 1);
    input.pipeInput('a', 50, 2);
    input.pipeInput('b', 100, 3);
    input.pipeInput('b', null, 4);
    const output = driver.createOutputTopic('out', stringSerde, stringSerde).readKeyValuesToList();
    expect(output).toEqual([
      { key: 'a', value: 'limit 500' },
      { key: 'a', value: null },
      { key: 'b', value: 'limit 100' },
      { key: 'b', value: null },
    ]);
  });

  it('joins against a derived (unmaterialized) table through value getters', () => {
    const builder = new StreamsBuilder();
    const vip = builder.table('accounts', strings).filter((_k, tier) => tier === 'vip');
    builder
      .stream('payments', strings)
      .join(vip, (amount) => `vip paid ${amount}`)
      .to('out', { valueSerde: stringSerde });
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('accounts', stringSerde, stringSerde).pipeInput('a', 'vip', 0);
    driver.createInputTopic('accounts', stringSerde, stringSerde).pipeInput('b', 'basic', 0);
    const payments = driver.createInputTopic('payments', stringSerde, stringSerde);
    payments.pipeInput('a', '1', 1);
    payments.pipeInput('b', '2', 1);
    expect(driver.createOutputTopic('out', stringSerde, stringSerde).readValue()).toBe('vip paid 1');
    expect(driver.createOutputTopic('out', stringSerde, stringSerde).isEmpty()).toBe(true);
  });

  it('toTable keeps the latest value, deleting on null', () => {
    const builder = new StreamsBuilder();
    builder
      .stream('in', strings)
      .mapValues((v) => (v === 'delete' ? null : v))
      .toTable({ storeName: 'latest', valueSerde: stringSerde });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    input.pipeInput('a', 'x', 0);
    input.pipeInput('b', 'y', 0);
    input.pipeInput('a', 'delete', 0);
    expect([...driver.getKeyValueStore('latest').all()]).toEqual([{ key: 'b', value: 'y' }]);
  });
});

describe('view sinks', () => {
  it('toPostgres and toRedis hand records to the ViewCollector with their source', () => {
    const builder = new StreamsBuilder();
    const stream = builder.stream('in', strings);
    stream.toRedis('latest_event');
    stream.groupByKey().count({ storeName: 'counts' }).toPostgres('event_counts');
    const topology = builder.build();
    expect(topology.subtopologies('app')[0]!.views).toEqual([
      { name: 'latest_event', backend: 'redis' },
      { name: 'event_counts', backend: 'postgres' },
    ]);
    const driver = new TopologyTestDriver(topology);
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    input.pipeInput('a', 'x', 10);
    input.pipeInput('a', 'y', 11);
    expect(driver.viewRecords('latest_event').map((r) => [r.key, r.value, r.timestampMs, r.view.backend])).toEqual([
      ['a', 'x', 10, 'redis'],
      ['a', 'y', 11, 'redis'],
    ]);
    expect(driver.viewRecords('event_counts').map((r) => r.source)).toEqual([
      { topic: 'in', partition: 0, offset: 0 },
      { topic: 'in', partition: 0, offset: 1 },
    ]);
    expect(driver.viewState('event_counts')).toEqual(new Map([['"a"', 2]]));
  });
});

describe('KStream.process', () => {
  it('runs a custom processor with a connected store and a stream-time punctuator', () => {
    const builder = new StreamsBuilder();
    builder.addStateStore(keyValueStoreBuilder('seen', stringSerde, numberSerde));
    builder
      .stream('in', strings)
      .process<string, number>(
        () => {
          let context: ProcessorContext<string, number>;
          let seen: KeyValueStore<string, number>;
          return {
            init(c: ProcessorContext<string, number>) {
              context = c;
              seen = c.getStateStore('seen');
              c.schedule(100, 'stream-time', (time) => {
                for (const { key, value } of seen.all()) context.forward({ key, value, timestamp: time, headers: {} });
              });
            },
            process(record) {
              seen.put(record.key, (seen.get(record.key) ?? 0) + 1);
            },
          };
        },
        { stores: ['seen'] },
      )
      .to('out', { keySerde: stringSerde, valueSerde: numberSerde });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    const output = driver.createOutputTopic('out', stringSerde, numberSerde);
    input.pipeInput('a', 'x', 0);
    expect(output.readKeyValuesToList()).toEqual([{ key: 'a', value: 1 }]);
    input.pipeInput('a', 'x', 50);
    input.pipeInput('b', 'x', 99);
    expect(output.isEmpty()).toBe(true);
    input.pipeInput('b', 'x', 100);
    expect(output.readKeyValuesToList()).toEqual([
      { key: 'a', value: 2 },
      { key: 'b', value: 2 },
    ]);
  });
});
