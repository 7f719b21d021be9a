/**
 * When `npm start` (and `npm test`) restart a processor or the web app that
 * exited on its own: exponential backoff from the first restart in a window,
 * and a crash-loop budget after which the supervisor gives up loudly instead
 * of restarting a process that cannot stay up.
 */

/** Wait before the first restart in a window; it doubles with every further restart. */
export const RESTART_BACKOFF_MIN_MS = 1_000;
/** Longest wait between restarts. */
export const RESTART_BACKOFF_MAX_MS = 30_000;
/** Restarts allowed within RESTART_WINDOW_MS; one more exit then means a crash loop. */
export const RESTARTS_PER_WINDOW_MAX = 8;
/** How far back restarts count towards the backoff and the budget. */
export const RESTART_WINDOW_MS = 10 * 60_000;

export interface RestartPolicy {
  readonly backoffMinMs: number;
  readonly backoffMaxMs: number;
  readonly restartsPerWindowMax: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  backoffMinMs: RESTART_BACKOFF_MIN_MS,
  backoffMaxMs: RESTART_BACKOFF_MAX_MS,
  restartsPerWindowMax: RESTARTS_PER_WINDOW_MAX,
  windowMs: RESTART_WINDOW_MS,
};

export type RestartDecision =
  | {
      readonly action: 'restart';
      readonly delayMs: number;
      /** Restarts in the window, this one included. */
      readonly attempt: number;
      /** The restarts that still count, to pass back next time (bounded by the budget). */
      readonly recentMs: readonly number[];
    }
  | { readonly action: 'give-up'; readonly restartsInWindow: number; readonly recentMs: readonly number[] };

/**
 * What to do about a process that just exited unexpectedly at nowMs, given
 * when it was restarted before. A process that ran quietly for longer than
 * the window starts again at the shortest backoff.
 */
export function restartDecision(
  restartTimesMs: readonly number[],
  nowMs: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const recentMs = restartTimesMs.filter((atMs) => nowMs - atMs < policy.windowMs);
  if (recentMs.length >= policy.restartsPerWindowMax)
    return { action: 'give-up', restartsInWindow: recentMs.length, recentMs };
  const delayMs = Math.min(policy.backoffMinMs * 2 ** recentMs.length, policy.backoffMaxMs);
  return { action: 'restart', delayMs, attempt: recentMs.length + 1, recentMs };
}
