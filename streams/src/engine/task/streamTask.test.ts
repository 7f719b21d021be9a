import { describe, expect, it } from 'vitest';
import type { Processor, ProcessorContext } from '../processor/processor.ts';
import type { RecordMetadata, StreamRecord } from '../processor/record.ts';
import { numberSerde, stringSerde } from '../serde/primitive.ts';
import { SerdeError } from '../serde/serde.ts';
import { type KeyValueStore, keyValueStoreBuilder } from '../state/keyValueStore.ts';
import { ArrayChangeLogger } from '../state/testLogger.ts';
import { TopologyTestDriver } from '../testing/topologyTestDriver.ts';
import { Topology } from '../topology/topology.ts';
import { DeserializationError, ProcessingError } from './errors.ts';
import { buildTaskStores } from './stores.ts';
import { StreamTask } from './streamTask.ts';

type Ctx = ProcessorContext<string, string>;

/** Forwards "<value>:<suffix>" to the named child when the value says so, else to all. */
function router(): Processor<string, string, string, string> {
  let context: Ctx;
  return {
    init: (c) => {
      context = c;
    },
    process(record) {
      const [target] = record.value.split('>');
      if (target === 'all') context.forward({ ...record, value: `${record.value}:1` });
      else context.forward({ ...record, value: `${record.value}:1` }, target);
      context.forward({ ...record, value: `${record.value}:2` }, 'left');
    },
  };
}

function tag(label: string): () => Processor<string, string, string, string> {
  return () => {
    let context: Ctx;
    return {
      init: (c) => {
        context = c;
      },
      process: (record) => context.forward({ ...record, value: `${record.value}|${label}` }),
    };
  };
}

function counter(store: string): () => Processor<string, string, string, number> {
  return () => {
    let counts: KeyValueStore<string, number>;
    let context: ProcessorContext<string, number>;
    return {
      init(c) {
        context = c;
        counts = c.getStateStore(store);
      },
      process(record: StreamRecord<string, string>) {
        if (record.value === 'boom') throw new Error('boom');
        const next = (counts.get(record.key) ?? 0) + 1;
        counts.put(record.key, next);
        context.forward({ ...record, value: next });
      },
    };
  };
}

describe('StreamTask', () => {
  it('forwards to all children or a named child, depth-first in forward order', () => {
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addProcessor('router', router, 'src')
      .addProcessor('left', tag('L'), 'router')
      .addProcessor('right', tag('R'), 'router')
      .addSink('out', 'out', stringSerde, stringSerde, 'left', 'right');
    const driver = new TopologyTestDriver(topology);
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    const output = driver.createOutputTopic('out', stringSerde, stringSerde);
    input.pipeInput('k', 'all', 5);
    input.pipeInput('k', 'right', 6);
    expect(output.readRecordsToList().map((record) => [record.value, record.timestamp])).toEqual([
      ['all:1|L', 5],
      ['all:1|R', 5],
      ['all:2|L', 5],
      ['right:1|R', 6],
      ['right:2|L', 6],
    ]);
  });

  it('exposes record metadata, task id and app id, and refuses unconnected stores', () => {
    const seen: Array<RecordMetadata | null> = [];
    const inits: unknown[] = [];
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addProcessor(
        'p',
        () => {
          let saved: ProcessorContext;
          return {
            init(context: ProcessorContext) {
              inits.push([context.appId, context.taskId, context.partition]);
              expect(() => context.getStateStore('counts')).toThrow(/not connected to store counts/);
              expect(() => context.forward({ key: 'x', value: 'y', timestamp: 0, headers: {} })).toThrow(/forwarded/);
              saved = context;
            },
            process() {
              seen.push(saved.recordMetadata());
            },
          };
        },
        'src',
      )
      .addProcessor('other', counter('counts'), 'src')
      .addStateStore(keyValueStoreBuilder('counts', stringSerde, numberSerde), 'other');
    const driver = new TopologyTestDriver(topology, { appId: 'shop', partitions: { in: 2 } });
    driver.createInputTopic('in', stringSerde, stringSerde).pipeInput('k', 'v', 1, { partition: 1 });
    expect(seen).toEqual([{ topic: 'in', partition: 1, offset: 0 }]);
    expect(inits).toEqual([
      ['shop', '0_0', 0],
      ['shop', '0_1', 1],
    ]);
  });

  it('fires stream-time punctuators when stream time passes them, once per advance, on a grid', () => {
    const fired: number[] = [];
    const topology = new Topology().addSource('src', 'in', stringSerde, stringSerde).addProcessor(
      'p',
      () => ({
        init(context: ProcessorContext) {
          context.schedule(10, 'stream-time', (time) => fired.push(time));
        },
        process() {},
      }),
      'src',
    );
    const driver = new TopologyTestDriver(topology);
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    for (const time of [3, 9, 10, 4, 15, 55, 56, 60]) input.pipeInput('k', 'v', time);
    expect(fired).toEqual([3, 10, 55, 60]);
    driver.advanceWallClockTime(1000);
    expect(fired).toHaveLength(4);
  });

  it('fires wall-clock punctuators from advanceWallClockTime and can cancel them', () => {
    const fired: number[] = [];
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addProcessor(
        'p',
        () => {
          let context: ProcessorContext<string, string>;
          return {
            init(c: ProcessorContext<string, string>) {
              context = c;
              const cancellable = c.schedule(100, 'wall-clock-time', (time) => {
                fired.push(time);
                context.forward({ key: 'tick', value: String(time), timestamp: time, headers: {} });
                if (fired.length === 3) cancellable.cancel();
              });
            },
            process() {},
          };
        },
        'src',
      )
      .addSink('out', 'ticks', stringSerde, stringSerde, 'p');
    const driver = new TopologyTestDriver(topology, { initialWallClockMs: 1000 });
    driver.advanceWallClockTime(50);
    driver.advanceWallClockTime(50);
    driver.advanceWallClockTime(250);
    driver.advanceWallClockTime(100);
    driver.advanceWallClockTime(1000);
    expect(fired).toEqual([1100, 1350, 1450]);
    expect(driver.createOutputTopic('ticks', stringSerde, stringSerde).readKeyValuesToList()).toHaveLength(3);
  });

  it('turns source serde failures into DeserializationError and keeps the task usable', () => {
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, numberSerde)
      .addProcessor('count', counter('counts'), 'src')
      .addStateStore(keyValueStoreBuilder('counts', stringSerde, numberSerde), 'count');
    const driver = new TopologyTestDriver(topology);
    const raw = driver.createInputTopic('in', stringSerde, stringSerde);
    let thrown: unknown;
    try {
      raw.pipeInput('k', 'not a long', 1);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DeserializationError);
    expect((thrown as DeserializationError).reason).toMatch(/8 bytes/);
    expect((thrown as DeserializationError).source).toEqual({ topic: 'in', partition: 0, offset: 0 });
    expect((thrown as Error).cause).toBeInstanceOf(SerdeError);
    driver.createInputTopic('in', stringSerde, numberSerde).pipeInput('k', 7, 2);
    expect(driver.getKeyValueStore('counts').get('k')).toBe(1);
  });

  it('dead-letters bad records in dead-letter mode', () => {
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, numberSerde)
      .addSink('out', 'out', stringSerde, numberSerde, 'src');
    const driver = new TopologyTestDriver(topology, { onDeserializationError: 'dead-letter' });
    driver.createInputTopic('in', stringSerde, stringSerde).pipeInput('k', 'x', 1);
    driver.createInputTopic('in', stringSerde, numberSerde).pipeInput(null, null, 1);
    expect(driver.deadLetters().map((letter) => letter.source.offset)).toEqual([0, 1]);
    expect(driver.deadLetters()[1]!.reason).toMatch(/tombstone/);
  });

  it('wraps processing failures, marks the task corrupted and the driver rolls back', () => {
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addProcessor('count', counter('counts'), 'src')
      .addStateStore(keyValueStoreBuilder('counts', stringSerde, numberSerde), 'count');
    const driver = new TopologyTestDriver(topology);
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    input.pipeInput('a', 'x', 1);
    expect(() => input.pipeInput('a', 'boom', 2)).toThrow(ProcessingError);
    input.pipeInput('a', 'y', 3);
    expect(driver.getKeyValueStore('counts').get('a')).toBe(2);
  });

  it('restores stores from the changelog to the live state', () => {
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addProcessor('count', counter('counts'), 'src')
      .addStateStore(keyValueStoreBuilder('counts', stringSerde, numberSerde), 'count')
      .addStateStore(keyValueStoreBuilder('scratch', stringSerde, numberSerde, { logging: false }), 'count');
    const driver = new TopologyTestDriver(topology, { appId: 'app', partitions: { in: 3 } });
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    for (let index = 0; index < 50; index++) input.pipeInput(`k${index % 7}`, 'v', index);
    const live = driver.storeSnapshots();
    expect(driver.changelogRecords('counts')[0]!.topic).toBe('app-counts-changelog');
    driver.crashAndRestore();
    expect(driver.storeSnapshots()).toEqual(live);
    driver.crashAndRestore({ compacted: true });
    expect(driver.storeSnapshots()).toEqual(live);
    expect(driver.taskIds()).toEqual(['0_0', '0_1', '0_2']);
  });

  it('reports offsets and stream time to commit, and drops invalid timestamps', () => {
    const topology = new Topology()
      .addSource('src', ['a', 'b'], stringSerde, stringSerde)
      .addSink('o', 'o', stringSerde, stringSerde, 'src');
    const [sub] = topology.subtopologies('app');
    const sent: string[] = [];
    const collector = { send: (topic: string) => sent.push(topic) };
    const task = new StreamTask('0_2', sub!, buildTaskStores(sub!), collector, new ArrayChangeLogger(), {
      appId: 'app',
      streamTimeMs: 40,
    });
    task.process('a', 2, 7, Buffer.from('k'), Buffer.from('v'), 30, {});
    task.process('b', 2, 3, null, Buffer.from('v'), -1, {});
    expect(() => task.process('a', 1, 8, null, null, 1, {})).toThrow(/got partition 1/);
    expect(task.prepareCommit()).toEqual({
      offsets: [
        { topic: 'a', partition: 2, offset: 8 },
        { topic: 'b', partition: 2, offset: 4 },
      ],
      streamTimeMs: 40,
    });
    expect(task.metrics.dropped['invalid-timestamp']).toBe(1);
    expect(sent).toEqual(['o']);
  });
});
