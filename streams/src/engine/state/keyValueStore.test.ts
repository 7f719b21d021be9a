import { describe, expect, it } from 'vitest';
import { numberSerde, stringSerde } from '../serde/primitive.ts';
import { InMemoryKeyValueStore, keyValueStoreBuilder } from './keyValueStore.ts';
import { changelogTopicName } from './store.ts';
import { ArrayChangeLogger } from './testLogger.ts';

function openStore(logger: ArrayChangeLogger | null = new ArrayChangeLogger()) {
  const store = new InMemoryKeyValueStore('counts', stringSerde, numberSerde);
  store.init({ changeLogger: logger });
  return store;
}

describe('InMemoryKeyValueStore', () => {
  it('gets, puts, deletes and counts', () => {
    const store = openStore();
    expect(store.get('a')).toBeUndefined();
    store.put('a', 1);
    expect(store.putIfAbsent('a', 5)).toBe(1);
    expect(store.putIfAbsent('b', 2)).toBeUndefined();
    expect(store.get('b')).toBe(2);
    expect(store.approximateNumEntries()).toBe(2);
    expect(store.delete('a')).toBe(1);
    expect(store.delete('a')).toBeUndefined();
    expect([...store.all()]).toEqual([{ key: 'b', value: 2 }]);
  });

  it('ranges in serialized byte order, inclusive, and tolerates writes while iterating', () => {
    const store = openStore();
    for (const key of ['d', 'a', 'c', 'b', 'e']) store.put(key, key.charCodeAt(0));
    expect([...store.range('b', 'd')].map((entry) => entry.key)).toEqual(['b', 'c', 'd']);
    const seen: string[] = [];
    for (const entry of store.all()) {
      seen.push(entry.key);
      if (entry.key === 'b') {
        store.delete('c');
        store.put('bb', 0);
      }
    }
    expect(seen).toEqual(['a', 'b', 'bb', 'd', 'e']);
  });

  it('logs every put and delete and restores to an equal snapshot', () => {
    const logger = new ArrayChangeLogger();
    const store = openStore(logger);
    store.put('x', 1);
    store.put('y', 2);
    store.put('x', 3);
    store.delete('y');
    expect(logger.changes.map((change) => [change.key.toString(), change.value === null])).toEqual([
      ['x', false],
      ['y', false],
      ['x', false],
      ['y', true],
    ]);
    expect(logger.changes.every((change) => change.store === 'counts')).toBe(true);
    const restored = openStore(null);
    restored.restore(logger.changes);
    expect(restored.snapshot()).toEqual(store.snapshot());
    expect(restored.get('x')).toBe(3);
    const fromSnapshot = openStore(null);
    fromSnapshot.restore(store.snapshot());
    expect(fromSnapshot.snapshot()).toEqual(store.snapshot());
  });

  it('does not log restores and keeps values immutable', () => {
    const logger = new ArrayChangeLogger();
    const store = new InMemoryKeyValueStore('objects', stringSerde, {
      serialize: (value: { n: number }) => Buffer.from(JSON.stringify(value)),
      deserialize: (bytes) => JSON.parse(bytes!.toString()) as { n: number },
    });
    store.init({ changeLogger: logger });
    const value = { n: 1 };
    store.put('k', value);
    value.n = 2;
    expect(store.get('k')).toEqual({ n: 1 });
    store.restore([{ key: Buffer.from('z'), value: Buffer.from('{"n":9}') }]);
    expect(logger.changes).toHaveLength(1);
  });

  it('builds with logging by default and names changelog topics', () => {
    expect(keyValueStoreBuilder('s', stringSerde, stringSerde).loggingEnabled).toBe(true);
    expect(keyValueStoreBuilder('s', stringSerde, stringSerde, { logging: false }).loggingEnabled).toBe(false);
    expect(changelogTopicName('billing', 'balances')).toBe('billing-balances-changelog');
    expect(() => openStore().put('', Number.NaN)).toThrow(/safe integer/);
  });
});
