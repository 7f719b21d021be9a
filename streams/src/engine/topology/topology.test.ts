import { describe, expect, it } from 'vitest';
import type { Processor } from '../processor/processor.ts';
import { stringSerde } from '../serde/primitive.ts';
import { keyValueStoreBuilder } from '../state/keyValueStore.ts';
import { TopologyError } from './errors.ts';
import { defaultPartition, murmur2, resolvePartitionCounts } from './partitions.ts';
import { Topology } from './topology.ts';

const passThrough = (): Processor<unknown, unknown> => ({ process() {} });

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyError);
    return (error as Error).message;
  }
  throw new Error('expected a TopologyError');
}

describe('Topology validation', () => {
  it('rejects duplicate names, shared topics and duplicate stores at once', () => {
    const topology = new Topology().addSource('src', ['in'], stringSerde, stringSerde);
    expect(errorOf(() => topology.addSource('src', ['other'], stringSerde, stringSerde))).toMatch(/already added/);
    expect(errorOf(() => topology.addSource('src2', ['in'], stringSerde, stringSerde))).toMatch(
      /already read by source src/,
    );
    topology.addProcessor('p', passThrough, 'src');
    topology.addStateStore(keyValueStoreBuilder('s', stringSerde, stringSerde), 'p');
    expect(errorOf(() => topology.addStateStore(keyValueStoreBuilder('s', stringSerde, stringSerde)))).toMatch(/s is/);
  });

  it('reports unknown parents, sink parents, orphan processors and unknown store processors', () => {
    const unknown = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addProcessor('p', passThrough, 'nope');
    expect(errorOf(() => unknown.validate())).toBe('p names unknown parent nope');
    const sinkParent = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addSink('out', 'topic', stringSerde, stringSerde, 'src')
      .addProcessor('p', passThrough, 'out');
    expect(errorOf(() => sinkParent.validate())).toMatch(/sinks have no children/);
    expect(errorOf(() => new Topology().addProcessor('p', passThrough).validate())).toBe('processor p has no parent');
    const store = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addStateStore(keyValueStoreBuilder('s', stringSerde, stringSerde), 'ghost');
    expect(errorOf(() => store.validate())).toMatch(/store s connects to unknown ghost/);
  });

  it('names the nodes of a cycle', () => {
    const topology = new Topology()
      .addSource('src', 'in', stringSerde, stringSerde)
      .addProcessor('a', passThrough, 'src', 'c')
      .addProcessor('b', passThrough, 'a')
      .addProcessor('c', passThrough, 'b');
    expect(errorOf(() => topology.subtopologies('app'))).toMatch(
      /cycle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)/,
    );
  });

  it('requires global stores not to log', () => {
    const logged = keyValueStoreBuilder('g', stringSerde, stringSerde);
    expect(
      errorOf(() => new Topology().addGlobalStore(logged, 'gs', 'rates', stringSerde, stringSerde, 'gp', passThrough)),
    ).toMatch(/must not log/);
  });
});

describe('sub-topologies', () => {
  function twoSubtopologies(): Topology {
    return new Topology()
      .addSource('orders', ['orders'], stringSerde, stringSerde)
      .addProcessor('rekey', passThrough, 'orders')
      .addInternalTopic('by-account-repartition')
      .addSink('to-repartition', 'by-account-repartition', stringSerde, stringSerde, 'rekey')
      .addSource('from-repartition', ['by-account-repartition'], stringSerde, stringSerde)
      .addSource('accounts', ['accounts'], stringSerde, stringSerde)
      .addProcessor('join', passThrough, 'from-repartition')
      .addProcessor('accounts-table', passThrough, 'accounts')
      .addStateStore(keyValueStoreBuilder('accounts-store', stringSerde, stringSerde), 'join', 'accounts-table')
      .addSink('out', 'enriched', stringSerde, stringSerde, 'join')
      .addViewSink('view', { name: 'balances', backend: 'postgres' }, 'join');
  }

  it('splits at topics and joins components that share a store', () => {
    const [first, second] = twoSubtopologies().subtopologies('billing');
    expect(first).toMatchObject({
      id: 0,
      sourceTopics: ['orders'],
      sinkTopics: ['billing-by-account-repartition'],
      repartitionSinkTopics: ['billing-by-account-repartition'],
      stores: [],
    });
    expect(second).toMatchObject({
      id: 1,
      sourceTopics: ['billing-by-account-repartition', 'accounts'],
      repartitionSourceTopics: ['billing-by-account-repartition'],
      sinkTopics: ['enriched'],
      stores: ['accounts-store'],
      changelogTopics: ['billing-accounts-store-changelog'],
      views: [{ name: 'balances', backend: 'postgres' }],
    });
  });

  it('describes itself', () => {
    const text = twoSubtopologies().describe();
    expect(text).toContain('Sub-topology: 0');
    expect(text).toContain('    Source: orders (topics: [orders])\n      --> rekey');
    expect(text).toContain('Sink: to-repartition (topic: <appId>-by-account-repartition)');
    expect(text).toContain('Processor: join (stores: [accounts-store])');
    expect(text).toContain('View sink: view (view: balances, backend: postgres)\n      <-- join');
  });

  it('sizes repartition topics and rejects sources that are not co-partitioned', () => {
    const subs = twoSubtopologies().subtopologies('billing');
    const counts = resolvePartitionCounts(subs, (topic) => ({ orders: 6, accounts: 4 })[topic]);
    expect(counts.get('billing-by-account-repartition')).toBe(4);
    const alone = new Topology()
      .addSource('a', 'a', stringSerde, stringSerde)
      .addInternalTopic('r')
      .addSink('s', 'r', stringSerde, stringSerde, 'a')
      .addSource('r', 'r', stringSerde, stringSerde)
      .addProcessor('p', passThrough, 'r')
      .subtopologies('x');
    expect(resolvePartitionCounts(alone, () => 5).get('x-r')).toBe(5);
    const joined = new Topology()
      .addSource('a', 'a', stringSerde, stringSerde)
      .addSource('b', 'b', stringSerde, stringSerde)
      .addProcessor('j', passThrough, 'a', 'b')
      .subtopologies('x');
    expect(errorOf(() => resolvePartitionCounts(joined, (t) => (t === 'a' ? 3 : 4)))).toMatch(/a \(3\), b \(4\)/);
    expect(errorOf(() => resolvePartitionCounts(joined, () => undefined))).toBe('source topic a does not exist');
  });
});

describe('default partitioner', () => {
  it('matches Kafka murmur2 test vectors', () => {
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [input, expected] of cases) expect(murmur2(Buffer.from(input))).toBe(expected);
    expect(defaultPartition(Buffer.from('foobar'), 7)).toBe((-790332482 & 0x7fffffff) % 7);
  });
});
