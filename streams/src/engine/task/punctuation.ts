import { assert } from '../assert.ts';
import type { Cancellable, Punctuator } from '../processor/processor.ts';

/** Schedules per task and type; processors schedule a few each in init(). */
export const PUNCTUATORS_MAX = 1024;

export interface PunctuationSchedule {
  readonly node: string;
  readonly intervalMs: number;
  readonly punctuator: Punctuator;
  nextMs: number;
  cancelled: boolean;
}

export class PunctuationQueue {
  private schedules: PunctuationSchedule[] = [];

  add(node: string, startMs: number, intervalMs: number, punctuator: Punctuator): Cancellable {
    assert(Number.isSafeInteger(intervalMs) && intervalMs > 0, `punctuation interval ${intervalMs} must be > 0`);
    assert(this.schedules.length < PUNCTUATORS_MAX, `more than ${PUNCTUATORS_MAX} punctuators`);
    const schedule: PunctuationSchedule = { node, intervalMs, punctuator, nextMs: startMs, cancelled: false };
    this.schedules.push(schedule);
    return {
      cancel: () => {
        schedule.cancelled = true;
      },
    };
  }

  /**
   * Schedules due at `nowMs`, each once, advanced on their grid. Missed ticks are
   * skipped, not replayed (as in Kafka Streams): a stream-time jump of an hour
   * must not fire an every-second punctuator 3,600 times.
   */
  due(nowMs: number): PunctuationSchedule[] {
    this.schedules = this.schedules.filter((schedule) => !schedule.cancelled);
    const due = this.schedules.filter((schedule) => schedule.nextMs <= nowMs).sort((a, b) => a.nextMs - b.nextMs);
    for (const schedule of due) {
      const missed = Math.floor((nowMs - schedule.nextMs) / schedule.intervalMs);
      schedule.nextMs += (missed + 1) * schedule.intervalMs;
      assert(schedule.nextMs > nowMs, 'punctuation schedule did not advance');
    }
    return due;
  }
}
