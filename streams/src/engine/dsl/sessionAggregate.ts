import { assert } from '../assert.ts';
import type { Processor, ProcessorContext } from '../processor/processor.ts';
import type { StreamRecord } from '../processor/record.ts';
import type { Windowed } from '../serde/windowed.ts';
import type { KeyValueStore } from '../state/keyValueStore.ts';
import type { SessionStore } from '../state/sessionStore.ts';
import type { Fold } from './processors.ts';
import { EMIT_CHECK_INTERVAL_MS, EMIT_TIME_KEY } from './windowedAggregate.ts';
import type { SessionWindows } from './windows.ts';

export interface SessionAggregateSpec<K, V, VA> {
  readonly storeName: string;
  readonly emitStoreName: string | null;
  readonly windows: SessionWindows;
  readonly fold: Fold<K, V, VA>;
  /** Combines the aggregates of two sessions a record bridges. */
  readonly merge: (key: K, left: VA, right: VA) => VA;
}

/**
 * Session-windowed aggregation. A record within `gap` of sessions merges them
 * into one [first, last] session. A session is closed once stream time passes
 * end + gap + grace. Grace applies to the record itself: a record older than
 * stream time - grace is late and dropped. That is stricter than Kafka Streams
 * (which admits records up to gap + grace old) and is what makes closed
 * sessions final: an admitted record is more than `gap` after every closed
 * session, so it can never extend one (emit-final stays exact, and an expired
 * session is never silently re-opened). Eager mode forwards a delete (null)
 * for every session absorbed by a merge.
 */
export class SessionAggregateProcessor<K, V, VA> implements Processor<K, V | null, Windowed<K>, VA | null> {
  private readonly spec: SessionAggregateSpec<K, V, VA>;
  private context: ProcessorContext<Windowed<K>, VA | null> | null = null;
  private store: SessionStore<K, VA> | null = null;
  private emitStore: KeyValueStore<string, number> | null = null;
  /** Sessions ending before this were emitted. */
  private emittedBeforeMs = Number.MIN_SAFE_INTEGER;

  constructor(spec: SessionAggregateSpec<K, V, VA>) {
    this.spec = spec;
  }

  init(context: ProcessorContext<Windowed<K>, VA | null>): void {
    this.context = context;
    this.store = context.getStateStore<SessionStore<K, VA>>(this.spec.storeName);
    if (this.spec.emitStoreName === null) return;
    this.emitStore = context.getStateStore<KeyValueStore<string, number>>(this.spec.emitStoreName);
    this.emittedBeforeMs = this.emitStore!.get(EMIT_TIME_KEY) ?? Number.MIN_SAFE_INTEGER;
    context.schedule(EMIT_CHECK_INTERVAL_MS, 'stream-time', () => this.emitClosed());
  }

  process(record: StreamRecord<K, V | null>): void {
    const context = this.context!;
    const store = this.store!;
    if (record.key === null || record.value === null) {
      context.recordDropped(record.key === null ? 'null-key' : 'null-value');
      return;
    }
    if (this.emitStore !== null) this.emitClosed();
    const { gapMs, graceMs } = this.spec.windows;
    if (record.timestamp < context.currentStreamTimeMs() - graceMs) {
      context.recordDropped('late-record');
      return;
    }
    const closeMs = context.currentStreamTimeMs() - gapMs - graceMs;
    const overlapping = store.findSessions(record.key, record.timestamp - gapMs, record.timestamp + gapMs);
    let startMs = record.timestamp;
    let endMs = record.timestamp;
    let merged: VA | undefined;
    for (const session of overlapping) {
      merged = merged === undefined ? session.value : this.spec.merge(record.key, merged, session.value);
      startMs = Math.min(startMs, session.key.window.startMs);
      endMs = Math.max(endMs, session.key.window.endMs);
    }
    assert(
      overlapping.every((session) => session.key.window.endMs >= closeMs),
      'admitted record reached a closed session',
    );
    const key: Windowed<K> = { key: record.key, window: { startMs, endMs } };
    for (const session of overlapping) {
      if (session.key.window.startMs === startMs && session.key.window.endMs === endMs) continue;
      store.remove(session.key);
      if (this.emitStore === null) context.forward({ ...record, key: session.key, value: null });
    }
    const next = this.spec.fold(record.key, record.value, merged);
    store.put(key, next);
    if (this.emitStore === null) context.forward({ ...record, key, value: next });
  }

  /** Forwards sessions that closed since the last call, ordered by end then key, timestamp = end. */
  private emitClosed(): void {
    const { gapMs, graceMs } = this.spec.windows;
    const closeMs = this.context!.currentStreamTimeMs() - gapMs - graceMs;
    if (closeMs <= this.emittedBeforeMs) return;
    const closed = this.store!.findSessionsEndingBetween(this.emittedBeforeMs, closeMs - 1);
    this.emittedBeforeMs = closeMs;
    for (const session of closed) {
      this.context!.forward({
        key: session.key,
        value: session.value,
        timestamp: session.key.window.endMs,
        headers: {},
      });
    }
    if (closed.length > 0) this.emitStore!.put(EMIT_TIME_KEY, closeMs);
  }
}
