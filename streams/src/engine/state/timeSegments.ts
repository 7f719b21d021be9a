import { assert } from '../assert.ts';

/** Live segments one window or session store may hold; bounds the per-fetch segment scan. */
export const WINDOW_STORE_SEGMENTS_MAX = 64;
/** Kafka Streams' default splits retention into two segments (plus the one being filled). */
export const WINDOW_STORE_SEGMENTS_DEFAULT = 2;
/** Entries one fetch may return; a larger scan is a query bug, not a workload. */
export const WINDOW_FETCH_RESULTS_MAX = 1_000_000;

/** One entry: a serialized key (latin1), a primary time that picks the segment, and a tiebreak. */
export interface TimedEntry {
  readonly key: string;
  readonly timeMs: number;
  /** Duplicate sequence number for join buffers, session start for session stores, else 0. */
  readonly sub: number;
  value: string;
}

function compareTime(entry: TimedEntry, timeMs: number, sub: number): number {
  return entry.timeMs === timeMs ? entry.sub - sub : entry.timeMs - timeMs;
}

/** First index in `entries` (sorted by time, then sub) not before (timeMs, sub). */
function lowerBoundTime(entries: readonly TimedEntry[], timeMs: number, sub: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareTime(entries[middle]!, timeMs, sub) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function compareEntries(a: TimedEntry, b: TimedEntry): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.sub - b.sub;
}

/**
 * The shared core of window and session stores: entries bucketed into segments
 * of `segmentIntervalMs` by time, so expiring a whole segment is one Map delete
 * rather than a scan. Retention is exact for reads (an entry older than
 * observedTime - retention is invisible) and segment-granular for memory.
 */
export class TimeSegments {
  readonly retentionMs: number;
  readonly segmentIntervalMs: number;
  private observedTimeMs = Number.MIN_SAFE_INTEGER;
  private readonly segments = new Map<number, Map<string, TimedEntry[]>>();

  constructor(retentionMs: number, segmentIntervalMs: number) {
    assert(Number.isSafeInteger(retentionMs) && retentionMs > 0, `retention ${retentionMs} must be > 0`);
    assert(Number.isSafeInteger(segmentIntervalMs) && segmentIntervalMs > 0, 'segment interval must be > 0');
    assert(retentionMs / segmentIntervalMs < WINDOW_STORE_SEGMENTS_MAX - 1, 'too many segments for retention');
    this.retentionMs = retentionMs;
    this.segmentIntervalMs = segmentIntervalMs;
  }

  /** Entries with a time below this are expired. */
  minLiveTimeMs(): number {
    return this.observedTimeMs === Number.MIN_SAFE_INTEGER
      ? Number.MIN_SAFE_INTEGER
      : this.observedTimeMs - this.retentionMs + 1;
  }

  /** Returns false (and changes nothing) when the entry is already expired. */
  apply(key: string, timeMs: number, sub: number, value: string | null): boolean {
    assert(Number.isSafeInteger(timeMs), `time ${timeMs} is not a safe integer`);
    if (timeMs < this.minLiveTimeMs()) return false;
    if (value !== null && timeMs > this.observedTimeMs) {
      this.observedTimeMs = timeMs;
      this.dropExpiredSegments();
      assert(this.segments.size <= WINDOW_STORE_SEGMENTS_MAX, 'segment count exceeds limit');
    }
    const segmentId = Math.floor(timeMs / this.segmentIntervalMs);
    let segment = this.segments.get(segmentId);
    if (segment === undefined) {
      if (value === null) return true;
      segment = new Map();
      this.segments.set(segmentId, segment);
    }
    this.applyInSegment(segment, key, timeMs, sub, value);
    return true;
  }

  get(key: string, timeMs: number, sub: number): string | undefined {
    if (timeMs < this.minLiveTimeMs()) return undefined;
    const entries = this.segments.get(Math.floor(timeMs / this.segmentIntervalMs))?.get(key);
    if (entries === undefined) return undefined;
    const entry = entries[lowerBoundTime(entries, timeMs, sub)];
    return entry !== undefined && compareTime(entry, timeMs, sub) === 0 ? entry.value : undefined;
  }

  /** One key's live entries with fromMs <= time <= toMs, in (time, sub) order. */
  range(key: string, fromMs: number, toMs: number): TimedEntry[] {
    const result: TimedEntry[] = [];
    for (const segment of this.segmentsOverlapping(fromMs, toMs)) {
      const entries = segment.get(key);
      if (entries !== undefined) this.collect(entries, fromMs, toMs, result);
    }
    return result;
  }

  /** All keys' live entries with fromMs <= time <= toMs, in (time, key, sub) order. */
  rangeAll(fromMs: number, toMs: number): TimedEntry[] {
    const result: TimedEntry[] = [];
    for (const segment of this.segmentsOverlapping(fromMs, toMs)) {
      for (const entries of segment.values()) this.collect(entries, fromMs, toMs, result);
    }
    return result.sort(compareEntries);
  }

  /** Highest `sub` stored, so a restored duplicate-retaining store continues its sequence. */
  maxSub(): number {
    let max = -1;
    for (const entry of this.rangeAll(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) max = Math.max(max, entry.sub);
    return max;
  }

  private collect(entries: readonly TimedEntry[], fromMs: number, toMs: number, result: TimedEntry[]): void {
    const minLive = Math.max(fromMs, this.minLiveTimeMs());
    for (let index = lowerBoundTime(entries, minLive, Number.MIN_SAFE_INTEGER); index < entries.length; index++) {
      const entry = entries[index]!;
      if (entry.timeMs > toMs) return;
      assert(result.length < WINDOW_FETCH_RESULTS_MAX, 'window fetch returned too many entries');
      result.push(entry);
    }
  }

  private segmentsOverlapping(fromMs: number, toMs: number): Array<Map<string, TimedEntry[]>> {
    const ids = [...this.segments.keys()].sort((a, b) => a - b);
    const firstId = Math.floor(Math.max(fromMs, this.minLiveTimeMs()) / this.segmentIntervalMs);
    const lastId = Math.floor(toMs / this.segmentIntervalMs);
    return ids.filter((id) => id >= firstId && id <= lastId).map((id) => this.segments.get(id)!);
  }

  private applyInSegment(
    segment: Map<string, TimedEntry[]>,
    key: string,
    timeMs: number,
    sub: number,
    value: string | null,
  ): void {
    let entries = segment.get(key);
    if (entries === undefined) {
      if (value === null) return;
      entries = [];
      segment.set(key, entries);
    }
    const index = lowerBoundTime(entries, timeMs, sub);
    const existing = entries[index];
    const found = existing !== undefined && compareTime(existing, timeMs, sub) === 0;
    if (value === null) {
      if (found) entries.splice(index, 1);
      if (entries.length === 0) segment.delete(key);
    } else if (found) {
      existing.value = value;
    } else {
      entries.splice(index, 0, { key, timeMs, sub, value });
    }
  }

  private dropExpiredSegments(): void {
    const minLive = this.minLiveTimeMs();
    for (const id of [...this.segments.keys()]) {
      // A segment holds times [id * interval, (id + 1) * interval); drop it once all are expired.
      if ((id + 1) * this.segmentIntervalMs <= minLive) this.segments.delete(id);
    }
  }
}

export function defaultSegmentIntervalMs(retentionMs: number): number {
  return Math.max(1, Math.ceil(retentionMs / WINDOW_STORE_SEGMENTS_DEFAULT));
}
