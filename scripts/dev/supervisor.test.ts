import { describe, expect, it } from 'vitest';
import {
  RESTART_BACKOFF_MAX_MS,
  RESTART_BACKOFF_MIN_MS,
  RESTART_WINDOW_MS,
  RESTARTS_PER_WINDOW_MAX,
  restartDecision,
} from './supervisor.ts';

const NOW_MS = 1_000_000_000;

/** `count` restarts, one second apart, the last one just now. */
function recentRestarts(count: number): number[] {
  return Array.from({ length: count }, (_, index) => NOW_MS - (count - index) * 1_000);
}

describe('supervisor restart decision', () => {
  it('restarts a first crash after the shortest backoff', () => {
    expect(restartDecision([], NOW_MS)).toEqual({
      action: 'restart',
      delayMs: RESTART_BACKOFF_MIN_MS,
      attempt: 1,
      recentMs: [],
    });
  });

  it('doubles the backoff with every restart in the window, up to the maximum', () => {
    const delays = Array.from({ length: RESTARTS_PER_WINDOW_MAX }, (_, count) => {
      const decision = restartDecision(recentRestarts(count), NOW_MS);
      return decision.action === 'restart' ? decision.delayMs : null;
    });
    expect(delays.slice(0, 4)).toEqual([1, 2, 4, 8].map((factor) => factor * RESTART_BACKOFF_MIN_MS));
    expect(Math.max(...(delays as number[]))).toBe(RESTART_BACKOFF_MAX_MS);
    expect(delays.every((delay, index) => index === 0 || (delay as number) >= (delays[index - 1] as number))).toBe(
      true,
    );
  });

  it('gives up once the restarts in the window reach the budget', () => {
    expect(restartDecision(recentRestarts(RESTARTS_PER_WINDOW_MAX - 1), NOW_MS).action).toBe('restart');
    expect(restartDecision(recentRestarts(RESTARTS_PER_WINDOW_MAX), NOW_MS)).toMatchObject({
      action: 'give-up',
      restartsInWindow: RESTARTS_PER_WINDOW_MAX,
    });
  });

  it('forgets restarts older than the window, so a process that ran quietly starts over', () => {
    const old = recentRestarts(RESTARTS_PER_WINDOW_MAX).map((atMs) => atMs - RESTART_WINDOW_MS);
    const decision = restartDecision([...old, NOW_MS - 5_000], NOW_MS);
    expect(decision).toEqual({
      action: 'restart',
      delayMs: 2 * RESTART_BACKOFF_MIN_MS,
      attempt: 2,
      recentMs: [NOW_MS - 5_000],
    });
  });

  it('follows a given policy', () => {
    const policy = { backoffMinMs: 10, backoffMaxMs: 15, restartsPerWindowMax: 2, windowMs: 100 };
    expect(restartDecision([NOW_MS - 50], NOW_MS, policy)).toMatchObject({ action: 'restart', delayMs: 15 });
    expect(restartDecision([NOW_MS - 50, NOW_MS - 10], NOW_MS, policy).action).toBe('give-up');
  });
});
