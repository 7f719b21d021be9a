import { assert } from '../assert.ts';
import type { KeyValue } from '../processor/record.ts';
import { type Serde, serializeNonNull } from '../serde/serde.ts';
import { bytesToKey, insertSorted, keyToBytes, lowerBound, removeSorted } from './sortedKeys.ts';
import {
  type ChangeLogger,
  type ChangelogEntry,
  STORE_ENTRY_BYTES_MAX,
  type StateStore,
  type StateStoreContext,
  type StoreBuilder,
  storeBuilder,
} from './store.ts';

/** Bounds one task's memory; past this the store belongs in RocksDB, not the JS heap. */
export const KEY_VALUE_STORE_ENTRIES_MAX = 10_000_000;

export interface ReadOnlyKeyValueStore<K, V> {
  get(key: K): V | undefined;
  /** Entries with from <= key <= to in serialized-key byte order. */
  range(fromKey: K, toKey: K): IterableIterator<KeyValue<K, V>>;
  all(): IterableIterator<KeyValue<K, V>>;
  approximateNumEntries(): number;
}

export interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
  put(key: K, value: V): void;
  /** Writes only when the key is absent; returns the existing value otherwise. */
  putIfAbsent(key: K, value: V): V | undefined;
  delete(key: K): V | undefined;
}

/**
 * In-memory, sorted by serialized key. Both key and value are kept as latin1
 * strings of their bytes: values are immutable (a caller mutating an object it
 * put cannot make live state diverge from the changelog) and compact.
 *
 * Memory per entry, roughly: Map entry ~80 B + key string (~24 B + key bytes,
 * shared with the sorted index, +8 B slot) + value string (~24 B + value bytes),
 * so ~140 B + key + value bytes. One million 36-byte UUID keys with 100-byte
 * JSON values is about 280 MB of heap.
 */
export class InMemoryKeyValueStore<K, V> implements KeyValueStore<K, V> {
  readonly name: string;
  private readonly keySerde: Serde<K>;
  private readonly valueSerde: Serde<V>;
  private readonly entries = new Map<string, string>();
  private readonly sortedKeys: string[] = [];
  private logger: ChangeLogger | null = null;
  private open = false;

  constructor(name: string, keySerde: Serde<K>, valueSerde: Serde<V>) {
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  init(context: StateStoreContext): void {
    assert(!this.open, `store ${this.name} initialized twice`);
    this.logger = context.changeLogger;
    this.open = true;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(this.encodeKey(key));
    return value === undefined ? undefined : this.decodeValue(value);
  }

  put(key: K, value: V): void {
    assert(this.open, `store ${this.name} is not open`);
    const keyBytes = serializeNonNull(this.keySerde, key, `key of store ${this.name}`);
    const valueBytes = serializeNonNull(this.valueSerde, value, `value of store ${this.name}`);
    this.apply(bytesToKey(keyBytes), bytesToKey(valueBytes));
    this.logger?.append({ store: this.name, key: keyBytes, value: valueBytes });
  }

  putIfAbsent(key: K, value: V): V | undefined {
    const existing = this.get(key);
    if (existing === undefined) this.put(key, value);
    return existing;
  }

  delete(key: K): V | undefined {
    assert(this.open, `store ${this.name} is not open`);
    const encoded = this.encodeKey(key);
    const existing = this.entries.get(encoded);
    this.apply(encoded, null);
    // Log even when absent: the tombstone is idempotent and keeps the changelog a plain record of calls.
    this.logger?.append({ store: this.name, key: keyToBytes(encoded), value: null });
    return existing === undefined ? undefined : this.decodeValue(existing);
  }

  range(fromKey: K, toKey: K): IterableIterator<KeyValue<K, V>> {
    return this.iterate(this.encodeKey(fromKey), this.encodeKey(toKey));
  }

  all(): IterableIterator<KeyValue<K, V>> {
    return this.iterate(null, null);
  }

  approximateNumEntries(): number {
    return this.entries.size;
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    for (const entry of entries) {
      this.apply(bytesToKey(entry.key), entry.value === null ? null : bytesToKey(entry.value));
    }
  }

  snapshot(): ChangelogEntry[] {
    return this.sortedKeys.map((key) => ({ key: keyToBytes(key), value: keyToBytes(this.entries.get(key)!) }));
  }

  flush(): void {
    // Nothing buffered: every change reached the logger when it happened.
  }

  close(): void {
    this.open = false;
  }

  private apply(key: string, value: string | null): void {
    assert(key.length + (value?.length ?? 0) <= STORE_ENTRY_BYTES_MAX, `entry in ${this.name} exceeds 1 MiB`);
    if (value === null) {
      if (this.entries.delete(key)) removeSorted(this.sortedKeys, key);
      return;
    }
    if (!this.entries.has(key)) {
      assert(this.entries.size < KEY_VALUE_STORE_ENTRIES_MAX, `store ${this.name} is full`);
      insertSorted(this.sortedKeys, key);
    }
    this.entries.set(key, value);
  }

  /**
   * Lazy and tolerant of writes between steps: each step searches past the last
   * key yielded instead of holding an index that an insert would shift.
   */
  private *iterate(from: string | null, to: string | null): IterableIterator<KeyValue<K, V>> {
    let index = from === null ? 0 : lowerBound(this.sortedKeys, from);
    while (index < this.sortedKeys.length) {
      const key = this.sortedKeys[index]!;
      if (to !== null && key > to) return;
      yield { key: this.keySerde.deserialize(keyToBytes(key)), value: this.decodeValue(this.entries.get(key)!) };
      index = lowerBound(this.sortedKeys, key, true);
    }
  }

  private encodeKey(key: K): string {
    return bytesToKey(serializeNonNull(this.keySerde, key, `key of store ${this.name}`));
  }

  private decodeValue(value: string): V {
    return this.valueSerde.deserialize(keyToBytes(value));
  }
}

export interface StoreOptions {
  /** Changelog the store (default true). Only stores rebuilt from elsewhere may skip it. */
  readonly logging?: boolean;
}

export function keyValueStoreBuilder<K, V>(
  name: string,
  keySerde: Serde<K>,
  valueSerde: Serde<V>,
  options: StoreOptions = {},
): StoreBuilder<KeyValueStore<K, V>> {
  return storeBuilder(name, options.logging, () => new InMemoryKeyValueStore(name, keySerde, valueSerde));
}
