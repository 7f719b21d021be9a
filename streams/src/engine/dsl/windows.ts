import { assert } from '../assert.ts';
import type { TimeWindow } from '../serde/windowed.ts';

/** Windows one record may fall into (size / advance); beyond this hopping windows are misconfigured. */
export const HOPPING_WINDOWS_PER_RECORD_MAX = 1000;

function checkDuration(valueMs: number, what: string, allowZero: boolean): void {
  assert(Number.isSafeInteger(valueMs) && (allowZero ? valueMs >= 0 : valueMs > 0), `${what} ${valueMs} is invalid`);
}

/**
 * Tumbling (advance = size) or hopping windows [start, start + size). A window
 * closes once stream time reaches end + grace; later records for it are dropped.
 */
export class TimeWindows {
  readonly sizeMs: number;
  readonly advanceMs: number;
  readonly graceMs: number;

  private constructor(sizeMs: number, advanceMs: number, graceMs: number) {
    checkDuration(sizeMs, 'window size', false);
    checkDuration(advanceMs, 'window advance', false);
    checkDuration(graceMs, 'grace', true);
    assert(advanceMs <= sizeMs, `advance ${advanceMs} exceeds size ${sizeMs}: records would fall between windows`);
    assert(sizeMs / advanceMs <= HOPPING_WINDOWS_PER_RECORD_MAX, 'too many hopping windows per record');
    this.sizeMs = sizeMs;
    this.advanceMs = advanceMs;
    this.graceMs = graceMs;
  }

  static ofSizeWithGrace(sizeMs: number, graceMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, graceMs);
  }

  static ofSizeWithNoGrace(sizeMs: number): TimeWindows {
    return new TimeWindows(sizeMs, sizeMs, 0);
  }

  /** Hopping windows: a new window every `advanceMs`. */
  advanceBy(advanceMs: number): TimeWindows {
    return new TimeWindows(this.sizeMs, advanceMs, this.graceMs);
  }

  /** Every window containing `timestampMs`, oldest first (Kafka Streams' TimeWindows.windowsFor). */
  windowsFor(timestampMs: number): TimeWindow[] {
    const windows: TimeWindow[] = [];
    let startMs = Math.floor(Math.max(0, timestampMs - this.sizeMs + this.advanceMs) / this.advanceMs) * this.advanceMs;
    while (startMs <= timestampMs) {
      windows.push({ startMs, endMs: startMs + this.sizeMs });
      startMs += this.advanceMs;
    }
    assert(windows.length <= HOPPING_WINDOWS_PER_RECORD_MAX, 'window count exceeds limit');
    return windows;
  }

  /** Store retention: a window is kept until it closes, no longer. */
  retentionMs(): number {
    return this.sizeMs + this.graceMs;
  }
}

/** Sessions [first, last] per key, split by gaps of inactivity longer than `gapMs`. */
export class SessionWindows {
  readonly gapMs: number;
  readonly graceMs: number;

  private constructor(gapMs: number, graceMs: number) {
    checkDuration(gapMs, 'inactivity gap', false);
    checkDuration(graceMs, 'grace', true);
    this.gapMs = gapMs;
    this.graceMs = graceMs;
  }

  static withInactivityGapAndGrace(gapMs: number, graceMs: number): SessionWindows {
    return new SessionWindows(gapMs, graceMs);
  }

  static ofInactivityGapWithNoGrace(gapMs: number): SessionWindows {
    return new SessionWindows(gapMs, 0);
  }

  /** A session closes when stream time passes end + gap + grace; +1 keeps it until then. */
  retentionMs(): number {
    return this.gapMs + this.graceMs + 1;
  }
}

/** Stream–stream join windows: records join when other.ts is within [ts - before, ts + after]. */
export class JoinWindows {
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly graceMs: number;

  private constructor(beforeMs: number, afterMs: number, graceMs: number) {
    checkDuration(beforeMs, 'join before', true);
    checkDuration(afterMs, 'join after', true);
    checkDuration(graceMs, 'grace', true);
    this.beforeMs = beforeMs;
    this.afterMs = afterMs;
    this.graceMs = graceMs;
  }

  static ofTimeDifferenceAndGrace(differenceMs: number, graceMs: number): JoinWindows {
    return new JoinWindows(differenceMs, differenceMs, graceMs);
  }

  static ofTimeDifferenceWithNoGrace(differenceMs: number): JoinWindows {
    return new JoinWindows(differenceMs, differenceMs, 0);
  }

  before(beforeMs: number): JoinWindows {
    return new JoinWindows(beforeMs, this.afterMs, this.graceMs);
  }

  after(afterMs: number): JoinWindows {
    return new JoinWindows(this.beforeMs, afterMs, this.graceMs);
  }

  /** Each side's buffer must outlive every record of the other side that could still join it. */
  retentionMs(): number {
    return this.beforeMs + this.afterMs + this.graceMs + 1;
  }
}

/** Eager updates on every record, or only the final value once the window closes (no retractions). */
export type EmitStrategy = 'onWindowUpdate' | 'onWindowClose';
