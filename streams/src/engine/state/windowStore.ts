import { assert } from '../assert.ts';
import { type Serde, serializeNonNull } from '../serde/serde.ts';
import type { StoreOptions } from './keyValueStore.ts';
import { bytesToKey, keyToBytes } from './sortedKeys.ts';
import {
  type ChangeLogger,
  type ChangelogEntry,
  type StateStore,
  type StateStoreContext,
  type StoreBuilder,
  storeBuilder,
} from './store.ts';
import { defaultSegmentIntervalMs, type TimedEntry, TimeSegments } from './timeSegments.ts';

export interface WindowedValue<V> {
  readonly windowStartMs: number;
  readonly value: V;
}

export interface KeyWindowedValue<K, V> extends WindowedValue<V> {
  readonly key: K;
}

export interface ReadOnlyWindowStore<K, V> {
  /** The value of one window, if live. */
  get(key: K, windowStartMs: number): V | undefined;
  /** One key's windows with fromMs <= start <= toMs, oldest first. */
  fetch(key: K, fromMs: number, toMs: number): Array<WindowedValue<V>>;
  /** All keys' windows with fromMs <= start <= toMs, ordered by start, then key bytes. */
  fetchAll(fromMs: number, toMs: number): Array<KeyWindowedValue<K, V>>;
}

export interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
  /** Null deletes. A put older than observed time - retention is dropped (and not logged). */
  put(key: K, value: V | null, windowStartMs: number): void;
}

const TIME_BYTES = 8;
const SEQUENCE_BYTES = 4;
/** Sequence numbers wrap here; join buffers expire entries long before four billion puts. */
const SEQUENCE_MAX = 0xffff_ffff;

export interface WindowStoreOptions extends StoreOptions {
  readonly retentionMs: number;
  readonly segmentIntervalMs?: number;
  /** Keep every put (join buffers) instead of overwriting the same key and window. */
  readonly retainDuplicates?: boolean;
}

/**
 * Changelog key: key bytes + window start (int64 BE) [+ sequence (uint32 BE) when
 * retaining duplicates]. Memory per entry: ~100 B (entry object + array slot +
 * value string header) + value bytes; the key string is shared per key and segment.
 */
export class InMemoryWindowStore<K, V> implements WindowStore<K, V> {
  readonly name: string;
  private readonly keySerde: Serde<K>;
  private readonly valueSerde: Serde<V>;
  private readonly retainDuplicates: boolean;
  private readonly segments: TimeSegments;
  private sequence = 0;
  private logger: ChangeLogger | null = null;
  private open = false;

  constructor(name: string, keySerde: Serde<K>, valueSerde: Serde<V>, options: WindowStoreOptions) {
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.retainDuplicates = options.retainDuplicates ?? false;
    const segmentIntervalMs = options.segmentIntervalMs ?? defaultSegmentIntervalMs(options.retentionMs);
    this.segments = new TimeSegments(options.retentionMs, segmentIntervalMs);
  }

  init(context: StateStoreContext): void {
    assert(!this.open, `store ${this.name} initialized twice`);
    this.logger = context.changeLogger;
    this.open = true;
  }

  put(key: K, value: V | null, windowStartMs: number): void {
    assert(this.open, `store ${this.name} is not open`);
    // Duplicates are append-only: a null put has no entry to address, as in Kafka Streams.
    if (this.retainDuplicates && value === null) return;
    const keyBytes = serializeNonNull(this.keySerde, key, `key of store ${this.name}`);
    const valueBytes = value === null ? null : serializeNonNull(this.valueSerde, value, `value of store ${this.name}`);
    const sub = this.retainDuplicates ? this.nextSequence() : 0;
    const applied = this.segments.apply(
      bytesToKey(keyBytes),
      windowStartMs,
      sub,
      valueBytes === null ? null : bytesToKey(valueBytes),
    );
    if (applied)
      this.logger?.append({
        store: this.name,
        key: this.changelogKey(keyBytes, windowStartMs, sub),
        value: valueBytes,
      });
  }

  get(key: K, windowStartMs: number): V | undefined {
    assert(!this.retainDuplicates, `get() is ambiguous on duplicate-retaining store ${this.name}`);
    const value = this.segments.get(this.encodeKey(key), windowStartMs, 0);
    return value === undefined ? undefined : this.valueSerde.deserialize(keyToBytes(value));
  }

  fetch(key: K, fromMs: number, toMs: number): Array<WindowedValue<V>> {
    return this.segments.range(this.encodeKey(key), fromMs, toMs).map((entry) => ({
      windowStartMs: entry.timeMs,
      value: this.valueSerde.deserialize(keyToBytes(entry.value)),
    }));
  }

  fetchAll(fromMs: number, toMs: number): Array<KeyWindowedValue<K, V>> {
    return this.segments.rangeAll(fromMs, toMs).map((entry) => ({
      key: this.keySerde.deserialize(keyToBytes(entry.key)),
      windowStartMs: entry.timeMs,
      value: this.valueSerde.deserialize(keyToBytes(entry.value)),
    }));
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    const suffix = TIME_BYTES + (this.retainDuplicates ? SEQUENCE_BYTES : 0);
    for (const entry of entries) {
      assert(entry.key.length >= suffix, `changelog key of ${this.name} too short`);
      const split = entry.key.length - suffix;
      const timeMs = Number(entry.key.readBigInt64BE(split));
      const sub = this.retainDuplicates ? entry.key.readUInt32BE(split + TIME_BYTES) : 0;
      const value = entry.value === null ? null : bytesToKey(entry.value);
      this.segments.apply(bytesToKey(entry.key.subarray(0, split)), timeMs, sub, value);
    }
    if (this.retainDuplicates) this.sequence = (this.segments.maxSub() + 1) % (SEQUENCE_MAX + 1);
  }

  snapshot(): ChangelogEntry[] {
    return this.segments.rangeAll(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((entry: TimedEntry) => ({
      key: this.changelogKey(keyToBytes(entry.key), entry.timeMs, entry.sub),
      value: keyToBytes(entry.value),
    }));
  }

  flush(): void {
    // Nothing buffered: every change reached the logger when it happened.
  }

  close(): void {
    this.open = false;
  }

  private nextSequence(): number {
    const sequence = this.sequence;
    this.sequence = sequence === SEQUENCE_MAX ? 0 : sequence + 1;
    return sequence;
  }

  private changelogKey(keyBytes: Buffer, timeMs: number, sub: number): Buffer {
    const suffix = Buffer.alloc(TIME_BYTES + (this.retainDuplicates ? SEQUENCE_BYTES : 0));
    suffix.writeBigInt64BE(BigInt(timeMs), 0);
    if (this.retainDuplicates) suffix.writeUInt32BE(sub, TIME_BYTES);
    return Buffer.concat([keyBytes, suffix]);
  }

  private encodeKey(key: K): string {
    return bytesToKey(serializeNonNull(this.keySerde, key, `key of store ${this.name}`));
  }
}

export function windowStoreBuilder<K, V>(
  name: string,
  keySerde: Serde<K>,
  valueSerde: Serde<V>,
  options: WindowStoreOptions,
): StoreBuilder<WindowStore<K, V>> {
  return storeBuilder(name, options.logging, () => new InMemoryWindowStore(name, keySerde, valueSerde, options));
}
