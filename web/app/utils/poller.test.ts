import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextDelay, Poller, type PollLoop } from './poller';

/** A loop whose reads answer the queued values in turn (an Error rejects). */
function scripted(answers: (number | Error)[], overrides: Partial<PollLoop<number>> = {}) {
  const reads = vi.fn(async () => {
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return next ?? -1;
  });
  const loop: PollLoop<number> & { onValue: ReturnType<typeof vi.fn> } = {
    firstDelayMs: 100,
    intervalMs: 100,
    read: reads,
    done: (value) => value >= 10,
    onValue: vi.fn(),
    onDone: vi.fn(),
    onGiveUp: vi.fn(),
    ...overrides,
  } as PollLoop<number> & { onValue: ReturnType<typeof vi.fn> };
  return { loop, reads };
}

describe('Poller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads after the first delay, repeats until done, then calls onDone once', async () => {
    const poller = new Poller();
    const { loop, reads } = scripted([1, 2, 10, 11]);
    poller.follow('a', loop);
    await vi.advanceTimersByTimeAsync(99);
    expect(reads).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(reads).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads).toHaveBeenCalledTimes(3);
    expect(loop.onValue).toHaveBeenCalledTimes(3);
    expect(loop.onDone).toHaveBeenCalledWith(10);
    expect(poller.has('a')).toBe(false);
    expect(loop.onGiveUp).not.toHaveBeenCalled();
  });

  it('backs off by the factor up to the cap', async () => {
    const poller = new Poller();
    const { loop, reads } = scripted([], {
      firstDelayMs: 0,
      intervalMs: 100,
      backoffFactor: 2,
      maxDelayMs: 300,
      done: () => false,
    });
    poller.follow('a', loop);
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveBeenCalledTimes(1);
    // Waits: 100, 200, 300 (capped), 300.
    await vi.advanceTimersByTimeAsync(100);
    expect(reads).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(reads).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(299);
    expect(reads).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(reads).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(300);
    expect(reads).toHaveBeenCalledTimes(5);
    poller.stopAll();
  });

  it('counts failed reads as attempts and gives up after attemptsMax', async () => {
    const poller = new Poller();
    const { loop, reads } = scripted([new Error('down'), 1, new Error('down')], { attemptsMax: 3 });
    poller.follow('a', loop);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads).toHaveBeenCalledTimes(3);
    expect(loop.onValue).toHaveBeenCalledTimes(1);
    expect(loop.onGiveUp).toHaveBeenCalledTimes(1);
    expect(loop.onDone).not.toHaveBeenCalled();
    expect(poller.has('a')).toBe(false);
  });

  it('gives up once giveUpAfterMs has passed', async () => {
    const poller = new Poller();
    const { loop, reads } = scripted([], { giveUpAfterMs: 450, done: () => false });
    poller.follow('a', loop);
    await vi.advanceTimersByTimeAsync(10_000);
    // Reads at 100, 200, 300, 400, 500: the one at 500 is past the limit.
    expect(reads).toHaveBeenCalledTimes(5);
    expect(loop.onGiveUp).toHaveBeenCalledTimes(1);
  });

  it('a nudge reads at once; unknown keys are ignored', async () => {
    const poller = new Poller();
    const { loop, reads } = scripted([1, 10], { firstDelayMs: 5_000, intervalMs: 5_000 });
    poller.follow('a', loop);
    poller.nudge('b');
    poller.nudge('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveBeenCalledTimes(1);
    poller.nudge('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(loop.onDone).toHaveBeenCalledWith(10);
  });

  it('a nudge during a read reads again right after it', async () => {
    const poller = new Poller();
    let release: (value: number) => void = () => undefined;
    const reads = vi.fn(
      () =>
        new Promise<number>((resolve) => {
          release = resolve;
        }),
    );
    poller.follow('a', { firstDelayMs: 0, intervalMs: 5_000, read: reads, done: (value) => value >= 10 });
    await vi.advanceTimersByTimeAsync(0);
    poller.nudge('a');
    release(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveBeenCalledTimes(2);
    poller.stopAll();
  });

  it('drops the answer of a loop stopped or replaced while it was reading', async () => {
    const poller = new Poller();
    let release: (value: number) => void = () => undefined;
    const read = () =>
      new Promise<number>((resolve) => {
        release = resolve;
      });
    const first = { firstDelayMs: 0, intervalMs: 100, read };
    const stale = { ...first, done: () => true, onDone: vi.fn() };
    poller.follow('a', stale);
    await vi.advanceTimersByTimeAsync(0);
    const { loop } = scripted([10]);
    poller.follow('a', loop);
    release(99);
    await vi.advanceTimersByTimeAsync(100);
    expect(stale.onDone).not.toHaveBeenCalled();
    expect(loop.onDone).toHaveBeenCalledWith(10);
  });

  it('stop ends a loop before its next read', async () => {
    const poller = new Poller();
    const { loop, reads } = scripted([]);
    poller.follow('a', loop);
    poller.stop('a');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads).not.toHaveBeenCalled();
  });
});

describe('nextDelay', () => {
  it('keeps a steady interval without a factor and caps a grown one', () => {
    expect(nextDelay(500, { firstDelayMs: 0, intervalMs: 500 })).toBe(500);
    expect(nextDelay(300, { firstDelayMs: 0, intervalMs: 300, backoffFactor: 1.6 })).toBeCloseTo(480);
    expect(nextDelay(4_000, { firstDelayMs: 0, intervalMs: 300, backoffFactor: 1.6, maxDelayMs: 5_000 })).toBe(5_000);
  });
});
