import { assert } from '../assert.ts';
import { type Serde, serializeNonNull } from '../serde/serde.ts';
import type { Windowed } from '../serde/windowed.ts';
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

export interface SessionValue<K, V> {
  readonly key: Windowed<K>;
  readonly value: V;
}

export interface ReadOnlySessionStore<K, V> {
  fetchSession(key: K, startMs: number, endMs: number): V | undefined;
  /** One key's sessions with end >= earliestSessionEndMs and start <= latestSessionStartMs. */
  findSessions(key: K, earliestSessionEndMs: number, latestSessionStartMs: number): Array<SessionValue<K, V>>;
  /** All sessions whose end lies in [fromEndMs, toEndMs], ordered by end, then key. */
  findSessionsEndingBetween(fromEndMs: number, toEndMs: number): Array<SessionValue<K, V>>;
}

export interface SessionStore<K, V> extends StateStore, ReadOnlySessionStore<K, V> {
  put(session: Windowed<K>, value: V): void;
  remove(session: Windowed<K>): void;
}

const TIME_BYTES = 8;

/**
 * Sessions are segmented by end time (what expiry compares). Changelog key: key
 * bytes + end (int64 BE) + start (int64 BE). Windows are inclusive: [start, end].
 * Memory per session: ~100 B + value bytes, the key string shared per segment.
 */
export class InMemorySessionStore<K, V> implements SessionStore<K, V> {
  readonly name: string;
  private readonly keySerde: Serde<K>;
  private readonly valueSerde: Serde<V>;
  private readonly segments: TimeSegments;
  private logger: ChangeLogger | null = null;
  private open = false;

  constructor(name: string, keySerde: Serde<K>, valueSerde: Serde<V>, options: WindowStoreOptionsBase) {
    this.name = name;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    const segmentIntervalMs = options.segmentIntervalMs ?? defaultSegmentIntervalMs(options.retentionMs);
    this.segments = new TimeSegments(options.retentionMs, segmentIntervalMs);
  }

  init(context: StateStoreContext): void {
    assert(!this.open, `store ${this.name} initialized twice`);
    this.logger = context.changeLogger;
    this.open = true;
  }

  put(session: Windowed<K>, value: V): void {
    const valueBytes = serializeNonNull(this.valueSerde, value, `value of store ${this.name}`);
    this.write(session, valueBytes);
  }

  remove(session: Windowed<K>): void {
    this.write(session, null);
  }

  fetchSession(key: K, startMs: number, endMs: number): V | undefined {
    const value = this.segments.get(this.encodeKey(key), endMs, startMs);
    return value === undefined ? undefined : this.valueSerde.deserialize(keyToBytes(value));
  }

  findSessions(key: K, earliestSessionEndMs: number, latestSessionStartMs: number): Array<SessionValue<K, V>> {
    return this.segments
      .range(this.encodeKey(key), earliestSessionEndMs, Number.MAX_SAFE_INTEGER)
      .filter((entry) => entry.sub <= latestSessionStartMs)
      .map((entry) => this.decode(entry));
  }

  findSessionsEndingBetween(fromEndMs: number, toEndMs: number): Array<SessionValue<K, V>> {
    return this.segments.rangeAll(fromEndMs, toEndMs).map((entry) => this.decode(entry));
  }

  restore(entries: Iterable<ChangelogEntry>): void {
    for (const entry of entries) {
      assert(entry.key.length >= 2 * TIME_BYTES, `changelog key of ${this.name} too short`);
      const split = entry.key.length - 2 * TIME_BYTES;
      const endMs = Number(entry.key.readBigInt64BE(split));
      const startMs = Number(entry.key.readBigInt64BE(split + TIME_BYTES));
      const value = entry.value === null ? null : bytesToKey(entry.value);
      this.segments.apply(bytesToKey(entry.key.subarray(0, split)), endMs, startMs, value);
    }
  }

  snapshot(): ChangelogEntry[] {
    return this.segments.rangeAll(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((entry) => ({
      key: changelogKey(keyToBytes(entry.key), entry.timeMs, entry.sub),
      value: keyToBytes(entry.value),
    }));
  }

  flush(): void {
    // Nothing buffered: every change reached the logger when it happened.
  }

  close(): void {
    this.open = false;
  }

  private write(session: Windowed<K>, valueBytes: Buffer | null): void {
    assert(this.open, `store ${this.name} is not open`);
    const { startMs, endMs } = session.window;
    assert(startMs <= endMs, `session [${startMs}, ${endMs}] ends before it starts`);
    const keyBytes = serializeNonNull(this.keySerde, session.key, `key of store ${this.name}`);
    const value = valueBytes === null ? null : bytesToKey(valueBytes);
    if (this.segments.apply(bytesToKey(keyBytes), endMs, startMs, value)) {
      this.logger?.append({ store: this.name, key: changelogKey(keyBytes, endMs, startMs), value: valueBytes });
    }
  }

  private decode(entry: TimedEntry): SessionValue<K, V> {
    const key = this.keySerde.deserialize(keyToBytes(entry.key));
    const value = this.valueSerde.deserialize(keyToBytes(entry.value));
    return { key: { key, window: { startMs: entry.sub, endMs: entry.timeMs } }, value };
  }

  private encodeKey(key: K): string {
    return bytesToKey(serializeNonNull(this.keySerde, key, `key of store ${this.name}`));
  }
}

function changelogKey(keyBytes: Buffer, endMs: number, startMs: number): Buffer {
  const suffix = Buffer.alloc(2 * TIME_BYTES);
  suffix.writeBigInt64BE(BigInt(endMs), 0);
  suffix.writeBigInt64BE(BigInt(startMs), TIME_BYTES);
  return Buffer.concat([keyBytes, suffix]);
}

export interface WindowStoreOptionsBase extends StoreOptions {
  readonly retentionMs: number;
  readonly segmentIntervalMs?: number;
}

export function sessionStoreBuilder<K, V>(
  name: string,
  keySerde: Serde<K>,
  valueSerde: Serde<V>,
  options: WindowStoreOptionsBase,
): StoreBuilder<SessionStore<K, V>> {
  return storeBuilder(name, options.logging, () => new InMemorySessionStore(name, keySerde, valueSerde, options));
}
