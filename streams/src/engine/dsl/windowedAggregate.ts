import type { Processor, ProcessorContext } from '../processor/processor.ts';
import type { StreamRecord } from '../processor/record.ts';
import type { Windowed } from '../serde/windowed.ts';
import type { KeyValueStore } from '../state/keyValueStore.ts';
import type { WindowStore } from '../state/windowStore.ts';
import type { Fold } from './processors.ts';
import type { TimeWindows } from './windows.ts';

/** Key of the single entry in an emit-final store: the close time up to which windows were emitted. */
export const EMIT_TIME_KEY = 'emitted-through-ms';
/** Emit-final re-checks whenever stream time moves; stream-time punctuators fire at most once per record. */
export const EMIT_CHECK_INTERVAL_MS = 1;

export interface WindowedAggregateSpec<K, V, VA> {
  readonly storeName: string;
  /** Non-null for emit-on-window-close: persists how far emission got, so a restart does not re-emit. */
  readonly emitStoreName: string | null;
  readonly windows: TimeWindows;
  readonly fold: Fold<K, V, VA>;
}

/**
 * Time-windowed aggregation. A window [start, end) accepts records until stream
 * time reaches end + grace; records for closed windows only are dropped as late.
 * Eager mode forwards every update; emit-final forwards each window once, when
 * it closes, in (end, key) order, with timestamp end - 1.
 */
export class WindowedAggregateProcessor<K, V, VA> implements Processor<K, V | null, Windowed<K>, VA> {
  private readonly spec: WindowedAggregateSpec<K, V, VA>;
  private context: ProcessorContext<Windowed<K>, VA> | null = null;
  private store: WindowStore<K, VA> | null = null;
  private emitStore: KeyValueStore<string, number> | null = null;
  /** Windows ending at or before this were emitted; persisted only when something was (see emitClosed). */
  private emittedThroughMs = Number.MIN_SAFE_INTEGER;

  constructor(spec: WindowedAggregateSpec<K, V, VA>) {
    this.spec = spec;
  }

  init(context: ProcessorContext<Windowed<K>, VA>): void {
    this.context = context;
    this.store = context.getStateStore<WindowStore<K, VA>>(this.spec.storeName);
    if (this.spec.emitStoreName === null) return;
    this.emitStore = context.getStateStore<KeyValueStore<string, number>>(this.spec.emitStoreName);
    this.emittedThroughMs = this.emitStore!.get(EMIT_TIME_KEY) ?? Number.MIN_SAFE_INTEGER;
    // Other records of the task (other topics) move stream time too; close windows then as well.
    context.schedule(EMIT_CHECK_INTERVAL_MS, 'stream-time', () => this.emitClosed());
  }

  process(record: StreamRecord<K, V | null>): void {
    const context = this.context!;
    if (record.key === null || record.value === null) {
      context.recordDropped(record.key === null ? 'null-key' : 'null-value');
      return;
    }
    // Before the put: the put may advance the store's retention past windows that just closed.
    if (this.emitStore !== null) this.emitClosed();
    const closeMs = context.currentStreamTimeMs() - this.spec.windows.graceMs;
    let accepted = false;
    for (const window of this.spec.windows.windowsFor(record.timestamp)) {
      if (window.endMs <= closeMs) continue;
      accepted = true;
      const next = this.spec.fold(record.key, record.value, this.store!.get(record.key, window.startMs));
      this.store!.put(record.key, next, window.startMs);
      if (this.emitStore === null) context.forward({ ...record, key: { key: record.key, window }, value: next });
    }
    if (!accepted) context.recordDropped('late-record');
  }

  /**
   * Forwards windows that closed since the last call. The emitted-through time is
   * written only when a window was emitted: a restart resuming from an older time
   * rescans a range in which nothing existed and nothing late can be added.
   */
  private emitClosed(): void {
    const { sizeMs, graceMs } = this.spec.windows;
    const closeMs = this.context!.currentStreamTimeMs() - graceMs;
    if (closeMs <= this.emittedThroughMs) return;
    const fromStartMs =
      this.emittedThroughMs === Number.MIN_SAFE_INTEGER ? Number.MIN_SAFE_INTEGER : this.emittedThroughMs - sizeMs + 1;
    const closed = this.store!.fetchAll(fromStartMs, closeMs - sizeMs);
    this.emittedThroughMs = closeMs;
    for (const entry of closed) {
      const window = { startMs: entry.windowStartMs, endMs: entry.windowStartMs + sizeMs };
      const key: Windowed<K> = { key: entry.key, window };
      this.context!.forward({ key, value: entry.value, timestamp: window.endMs - 1, headers: {} });
    }
    if (closed.length > 0) this.emitStore!.put(EMIT_TIME_KEY, closeMs);
  }
}
