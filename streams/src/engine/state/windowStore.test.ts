import { describe, expect, it } from 'vitest';
import { numberSerde, stringSerde } from '../serde/primitive.ts';
import { InMemorySessionStore } from './sessionStore.ts';
import { ArrayChangeLogger } from './testLogger.ts';
import { InMemoryWindowStore } from './windowStore.ts';

function windowStore(retentionMs: number, logger: ArrayChangeLogger | null, retainDuplicates = false) {
  const store = new InMemoryWindowStore('w', stringSerde, numberSerde, { retentionMs, retainDuplicates });
  store.init({ changeLogger: logger });
  return store;
}

describe('InMemoryWindowStore', () => {
  it('fetches one key by window start range and all keys ordered by start then key', () => {
    const store = windowStore(1000, null);
    store.put('b', 1, 0);
    store.put('a', 2, 0);
    store.put('a', 3, 100);
    store.put('a', 4, 100);
    expect(store.fetch('a', 0, 100)).toEqual([
      { windowStartMs: 0, value: 2 },
      { windowStartMs: 100, value: 4 },
    ]);
    expect(store.fetch('a', 1, 99)).toEqual([]);
    expect(store.get('b', 0)).toBe(1);
    expect(store.fetchAll(0, 50).map((entry) => entry.key)).toEqual(['a', 'b']);
  });

  it('expires entries older than retention and drops late puts without logging them', () => {
    const logger = new ArrayChangeLogger();
    const store = windowStore(100, logger);
    store.put('a', 1, 0);
    store.put('a', 2, 99);
    expect(store.fetch('a', 0, 1000)).toHaveLength(2);
    store.put('a', 3, 100);
    expect(store.fetch('a', 0, 1000).map((entry) => entry.windowStartMs)).toEqual([99, 100]);
    store.put('a', 4, 0);
    expect(store.get('a', 0)).toBeUndefined();
    expect(logger.changes).toHaveLength(3);
  });

  it('keeps many segments bounded while time moves forward', () => {
    const store = windowStore(10, null);
    for (let time = 0; time < 10_000; time += 3) store.put('k', time, time);
    expect(store.fetchAll(0, 20_000).map((entry) => entry.windowStartMs)).toEqual([9990, 9993, 9996, 9999]);
  });

  it('retains duplicates for join buffers and restores their sequence', () => {
    const logger = new ArrayChangeLogger();
    const store = windowStore(1000, logger, true);
    store.put('k', 1, 10);
    store.put('k', 2, 10);
    store.put('k', null, 10);
    expect(store.fetch('k', 10, 10).map((entry) => entry.value)).toEqual([1, 2]);
    const restored = windowStore(1000, null, true);
    restored.restore(logger.changes);
    expect(restored.snapshot()).toEqual(store.snapshot());
  });

  it('restores from the changelog to an equal snapshot, tombstones included', () => {
    const logger = new ArrayChangeLogger();
    const store = windowStore(50, logger);
    for (let index = 0; index < 40; index++) store.put(`k${index % 3}`, index, index * 5);
    store.put('k1', null, 195);
    const restored = windowStore(50, null);
    restored.restore(logger.changes);
    expect(restored.snapshot()).toEqual(store.snapshot());
    expect(restored.fetchAll(0, 1000)).toEqual(store.fetchAll(0, 1000));
  });
});

describe('InMemorySessionStore', () => {
  it('finds overlapping sessions, removes merged ones and restores', () => {
    const logger = new ArrayChangeLogger();
    const store = new InMemorySessionStore('s', stringSerde, numberSerde, { retentionMs: 1000 });
    store.init({ changeLogger: logger });
    store.put({ key: 'a', window: { startMs: 0, endMs: 10 } }, 1);
    store.put({ key: 'a', window: { startMs: 50, endMs: 60 } }, 2);
    store.put({ key: 'b', window: { startMs: 5, endMs: 5 } }, 3);
    expect(store.findSessions('a', 5, 55).map((session) => session.value)).toEqual([1, 2]);
    expect(store.findSessions('a', 11, 55).map((session) => session.value)).toEqual([2]);
    store.remove({ key: 'a', window: { startMs: 0, endMs: 10 } });
    expect(store.fetchSession('a', 0, 10)).toBeUndefined();
    expect(store.findSessionsEndingBetween(0, 100).map((session) => session.key.key)).toEqual(['b', 'a']);
    const restored = new InMemorySessionStore('s', stringSerde, numberSerde, { retentionMs: 1000 });
    restored.restore(logger.changes);
    expect(restored.snapshot()).toEqual(store.snapshot());
  });
});
