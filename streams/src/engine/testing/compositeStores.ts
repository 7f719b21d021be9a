import type { KeyValue } from '../processor/record.ts';
import type { ReadOnlyKeyValueStore } from '../state/keyValueStore.ts';
import type { ReadOnlySessionStore, SessionValue } from '../state/sessionStore.ts';
import type { StateStore } from '../state/store.ts';
import type { KeyWindowedValue, ReadOnlyWindowStore, WindowedValue } from '../state/windowStore.ts';

/**
 * One store name, many tasks: each partition's task holds its own instance and a
 * key lives in exactly one. These views read across all of them, looking the
 * instances up on every call so they stay valid across crashAndRestore().
 */
export type StoreInstances = () => StateStore[];

export function compositeKeyValueStore<K, V>(instances: StoreInstances): ReadOnlyKeyValueStore<K, V> {
  const stores = () => instances() as unknown as Array<ReadOnlyKeyValueStore<K, V>>;
  return {
    get(key) {
      for (const store of stores()) {
        const value = store.get(key);
        if (value !== undefined) return value;
      }
      return undefined;
    },
    range: (fromKey, toKey) => concat(stores().map((store) => store.range(fromKey, toKey))),
    all: () => concat(stores().map((store) => store.all())),
    approximateNumEntries: () => stores().reduce((sum, store) => sum + store.approximateNumEntries(), 0),
  };
}

/** Partition by partition; within one partition in key byte order. */
function* concat<K, V>(iterators: Array<IterableIterator<KeyValue<K, V>>>): IterableIterator<KeyValue<K, V>> {
  for (const iterator of iterators) yield* iterator;
}

export function compositeWindowStore<K, V>(instances: StoreInstances): ReadOnlyWindowStore<K, V> {
  const stores = () => instances() as unknown as Array<ReadOnlyWindowStore<K, V>>;
  return {
    get(key, windowStartMs) {
      for (const store of stores()) {
        const value = store.get(key, windowStartMs);
        if (value !== undefined) return value;
      }
      return undefined;
    },
    fetch: (key, fromMs, toMs): Array<WindowedValue<V>> => stores().flatMap((store) => store.fetch(key, fromMs, toMs)),
    fetchAll: (fromMs, toMs): Array<KeyWindowedValue<K, V>> =>
      stores()
        .flatMap((store) => store.fetchAll(fromMs, toMs))
        .sort((a, b) => a.windowStartMs - b.windowStartMs),
  };
}

export function compositeSessionStore<K, V>(instances: StoreInstances): ReadOnlySessionStore<K, V> {
  const stores = () => instances() as unknown as Array<ReadOnlySessionStore<K, V>>;
  return {
    fetchSession(key, startMs, endMs) {
      for (const store of stores()) {
        const value = store.fetchSession(key, startMs, endMs);
        if (value !== undefined) return value;
      }
      return undefined;
    },
    findSessions: (key, earliestEndMs, latestStartMs): Array<SessionValue<K, V>> =>
      stores().flatMap((store) => store.findSessions(key, earliestEndMs, latestStartMs)),
    findSessionsEndingBetween: (fromEndMs, toEndMs): Array<SessionValue<K, V>> =>
      stores()
        .flatMap((store) => store.findSessionsEndingBetween(fromEndMs, toEndMs))
        .sort((a, b) => a.key.window.endMs - b.key.window.endMs),
  };
}
