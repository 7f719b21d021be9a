/**
 * Poll loops, one per key: read, stop when the value is final, else wait
 * (backing off) and read again, giving up after a number of reads or a span
 * of time. Framework-free so it is unit-tested with fake timers; pages reach
 * it through usePolling, which ties it to the component's lifetime and to
 * the server's live updates.
 */

/** When a loop reads and when it gives up. */
export interface PollSchedule {
  /** Wait before the first read; 0 reads at once. */
  readonly firstDelayMs: number;
  /** Wait after the first read. */
  readonly intervalMs: number;
  /** Each later wait is the previous one times this; 1 (the default) keeps a steady interval. */
  readonly backoffFactor?: number;
  /** The longest wait backoff reaches. */
  readonly maxDelayMs?: number;
  /** Reads (failed ones included) after which the loop gives up. */
  readonly attemptsMax?: number;
  /** Time since the start after which the loop gives up. */
  readonly giveUpAfterMs?: number;
}

export interface PollLoop<T> extends PollSchedule {
  read(): Promise<T>;
  /** True once the value is final: the loop ends and calls onDone. */
  done(value: T): boolean;
  /** Every successful read, final or not. */
  onValue?(value: T): void;
  onDone?(value: T): void;
  /** The loop ran out of reads or time without a final value. */
  onGiveUp?(): void;
}

interface Running {
  readonly loop: PollLoop<unknown>;
  readonly startedAt: number;
  attempts: number;
  delayMs: number;
  timer?: ReturnType<typeof setTimeout>;
  reading: boolean;
  /** A nudge came while a read was in flight: read again as soon as it ends. */
  again: boolean;
}

export class Poller {
  private readonly loops = new Map<string, Running>();

  /** Starts `loop` under `key`, replacing a loop already running there. */
  follow<T>(key: string, loop: PollLoop<T>): void {
    this.stop(key);
    const running: Running = {
      loop: loop as PollLoop<unknown>,
      startedAt: Date.now(),
      attempts: 0,
      delayMs: loop.intervalMs,
      reading: false,
      again: false,
    };
    this.loops.set(key, running);
    this.schedule(key, running, loop.firstDelayMs);
  }

  has(key: string): boolean {
    return this.loops.has(key);
  }

  /** Reads `key` now (a live update said it changed); the backoff starts over. Unknown keys are ignored. */
  nudge(key: string): void {
    const running = this.loops.get(key);
    if (!running) return;
    running.delayMs = running.loop.intervalMs;
    if (running.reading) {
      running.again = true;
      return;
    }
    this.schedule(key, running, 0);
  }

  stop(key: string): void {
    clearTimeout(this.loops.get(key)?.timer);
    this.loops.delete(key);
  }

  stopAll(): void {
    for (const key of [...this.loops.keys()]) this.stop(key);
  }

  private schedule(key: string, running: Running, waitMs: number): void {
    clearTimeout(running.timer);
    running.timer = setTimeout(() => void this.step(key, running), waitMs);
  }

  private async step(key: string, running: Running): Promise<void> {
    const { loop } = running;
    running.reading = true;
    running.again = false;
    running.attempts += 1;
    let value: { read: unknown } | undefined;
    try {
      value = { read: await loop.read() };
    } catch {
      // A failed read (network blip, restart) is no verdict: the loop goes on.
    }
    running.reading = false;
    // Stopped or replaced while the read was in flight: its answer is stale.
    if (this.loops.get(key) !== running) return;
    if (value) {
      loop.onValue?.(value.read);
      if (loop.done(value.read)) {
        this.loops.delete(key);
        loop.onDone?.(value.read);
        return;
      }
    }
    if (this.spent(running)) {
      this.loops.delete(key);
      loop.onGiveUp?.();
      return;
    }
    const wait = running.again ? 0 : running.delayMs;
    running.delayMs = nextDelay(running.delayMs, loop);
    this.schedule(key, running, wait);
  }

  private spent(running: Running): boolean {
    const { attemptsMax, giveUpAfterMs } = running.loop;
    if (attemptsMax !== undefined && running.attempts >= attemptsMax) return true;
    return giveUpAfterMs !== undefined && Date.now() - running.startedAt > giveUpAfterMs;
  }
}

/** The wait after `delayMs`: grown by the backoff factor, capped at maxDelayMs. */
export function nextDelay(delayMs: number, schedule: PollSchedule): number {
  const grown = delayMs * (schedule.backoffFactor ?? 1);
  return schedule.maxDelayMs === undefined ? grown : Math.min(grown, schedule.maxDelayMs);
}
