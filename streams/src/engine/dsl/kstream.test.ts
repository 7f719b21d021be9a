import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSerde, zodSerde } from '../serde/json.ts';
import { numberSerde, stringSerde } from '../serde/primitive.ts';
import { TopologyTestDriver } from '../testing/topologyTestDriver.ts';
import { TopologyError } from '../topology/errors.ts';
import { StreamsBuilder } from './streamsBuilder.ts';

const strings = { keySerde: stringSerde, valueSerde: stringSerde };

function run(build: (builder: StreamsBuilder) => void, inputs: Array<[string, string, number?]>) {
  const builder = new StreamsBuilder();
  build(builder);
  const driver = new TopologyTestDriver(builder.build());
  const input = driver.createInputTopic('in', stringSerde, stringSerde);
  for (const [key, value, time] of inputs) input.pipeInput(key, value, time ?? 0);
  return driver;
}

function outputOf(driver: TopologyTestDriver, topic = 'out') {
  return driver
    .createOutputTopic(topic, stringSerde, stringSerde)
    .readKeyValuesToList()
    .map((kv) => [kv.key, kv.value]);
}

describe('KStream stateless operators', () => {
  it('filter and filterNot', () => {
    const driver = run(
      (b) => {
        const s = b.stream('in', strings);
        s.filter((_k, v) => v.startsWith('a')).to('out');
        s.filterNot((_k, v) => v.startsWith('a')).to('rest');
      },
      [
        ['1', 'apple'],
        ['2', 'berry'],
        ['3', 'avocado'],
      ],
    );
    expect(outputOf(driver)).toEqual([
      ['1', 'apple'],
      ['3', 'avocado'],
    ]);
    expect(outputOf(driver, 'rest')).toEqual([['2', 'berry']]);
  });

  it('map, mapValues and selectKey', () => {
    const driver = run(
      (b) => {
        const s = b.stream('in', strings);
        s.map((k, v) => ({ key: v, value: k })).to('out', strings);
        s.mapValues((v, k) => `${k}=${v.toUpperCase()}`).to('values', { valueSerde: stringSerde });
        s.selectKey((_k, v) => v.length).to('keys', { keySerde: numberSerde });
      },
      [['k', 'abc']],
    );
    expect(outputOf(driver)).toEqual([['abc', 'k']]);
    expect(outputOf(driver, 'values')).toEqual([['k', 'k=ABC']]);
    expect(driver.createOutputTopic('keys', numberSerde, stringSerde).readKeyValue()).toEqual({ key: 3, value: 'abc' });
  });

  it('flatMap and flatMapValues keep timestamps and headers', () => {
    const builder = new StreamsBuilder();
    const s = builder.stream('in', strings);
    s.flatMap((k, v) => v.split(',').map((part) => ({ key: `${k}-${part}`, value: part }))).to('out', strings);
    s.flatMapValues((v) => v.split(',')).to('values', { valueSerde: stringSerde });
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('in', stringSerde, stringSerde).pipeInput('k', 'x,y', 42, { headers: { trace: 't1' } });
    const records = driver.createOutputTopic('out', stringSerde, stringSerde).readRecordsToList();
    expect(records.map((r) => [r.key, r.value, r.timestamp, r.headers.trace])).toEqual([
      ['k-x', 'x', 42, 't1'],
      ['k-y', 'y', 42, 't1'],
    ]);
    expect(outputOf(driver, 'values')).toEqual([
      ['k', 'x'],
      ['k', 'y'],
    ]);
  });

  it('peek and foreach see every record', () => {
    const peeked: string[] = [];
    const seen: string[] = [];
    const driver = run(
      (b) => {
        const s = b.stream('in', strings).peek((k) => peeked.push(k));
        s.foreach((k, v) => seen.push(`${k}:${v}`));
        s.to('out');
      },
      [
        ['a', '1'],
        ['b', '2'],
      ],
    );
    expect(peeked).toEqual(['a', 'b']);
    expect(seen).toEqual(['a:1', 'b:2']);
    expect(outputOf(driver)).toHaveLength(2);
  });

  it('split routes to the first matching named branch, default otherwise', () => {
    const builder = new StreamsBuilder();
    const branches = builder
      .stream('in', strings)
      .split({ name: 'amount-' })
      .branch((_k, v) => Number(v) < 0, 'refund')
      .branch((_k, v) => Number(v) > 1000, 'large')
      .defaultBranch();
    expect([...branches.keys()]).toEqual(['amount-refund', 'amount-large', 'amount-default']);
    branches.get('amount-refund')!.to('refunds');
    branches.get('amount-large')!.to('large');
    branches.get('amount-default')!.to('normal');
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    for (const value of ['-5', '5000', '10', '-9999']) input.pipeInput('k', value, 0);
    expect(outputOf(driver, 'refunds').map(([, v]) => v)).toEqual(['-5', '-9999']);
    expect(outputOf(driver, 'large').map(([, v]) => v)).toEqual(['5000']);
    expect(outputOf(driver, 'normal').map(([, v]) => v)).toEqual(['10']);
  });

  it('merge combines two streams', () => {
    const builder = new StreamsBuilder();
    const a = builder.stream('in', strings);
    const b = builder.stream('in2', strings);
    a.merge(b).to('out');
    const driver = new TopologyTestDriver(builder.build());
    driver.createInputTopic('in', stringSerde, stringSerde).pipeInput('a', '1', 0);
    driver.createInputTopic('in2', stringSerde, stringSerde).pipeInput('b', '2', 0);
    expect(outputOf(driver)).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('sinks with a custom partitioner choose the partition', () => {
    const builder = new StreamsBuilder();
    builder.stream('in', strings).to('out', { partitioner: (_k, v, count) => Number(v) % count });
    const driver = new TopologyTestDriver(builder.build(), { partitions: { out: 4 } });
    const input = driver.createInputTopic('in', stringSerde, stringSerde);
    for (const value of ['5', '6', '7']) input.pipeInput('k', value, 0);
    const partitions = driver
      .createOutputTopic('out', stringSerde, stringSerde)
      .readRecordsToList()
      .map((r) => r.partition);
    expect(partitions).toEqual([1, 2, 3]);
  });

  it('validates JSON payloads with zod at the source and the sink', () => {
    const Payment = z.object({ id: z.string(), amount: z.string().regex(/^\d+\.\d{2}$/) });
    const builder = new StreamsBuilder();
    builder
      .stream('in', { keySerde: stringSerde, valueSerde: zodSerde(Payment) })
      .mapValues((payment) => ({ ...payment, amount: `${payment.amount}0` }))
      .to('out', { valueSerde: zodSerde(Payment) });
    const driver = new TopologyTestDriver(builder.build());
    const input = driver.createInputTopic('in', stringSerde, jsonSerde<unknown>());
    expect(() => input.pipeInput('k', { id: 1 }, 0)).toThrow(/id: /);
    expect(() => input.pipeInput('k', { id: 'p', amount: '1.00' }, 0)).toThrow(/amount: /);
    expect(driver.deadLetters()).toEqual([]);
  });

  it('requires serdes where a type changed', () => {
    const builder = new StreamsBuilder();
    const mapped = builder.stream('in', strings).mapValues((v) => v.length);
    expect(() => mapped.to('out')).toThrow(TopologyError);
    expect(() => mapped.to('out')).toThrow(/to\(out\) needs a value serde/);
  });
});
