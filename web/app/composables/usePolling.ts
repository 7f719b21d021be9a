import { Poller, type PollLoop, type PollSchedule } from '../utils/poller';

export interface PollingOptions {
  /**
   * Live views (GET /api/v1/events) whose announced ids are keys of this
   * component's loops: such a loop reads at once instead of waiting out its
   * backoff. Polling stays the fallback when the event stream is down.
   */
  readonly live?: readonly string[];
}

/**
 * The one way pages follow what a processor will change: poll loops keyed by
 * what they follow (a transaction id, "invoice", "reports"), stopped when the
 * component unmounts and never run during SSR. See utils/poller.ts for the
 * schedule; `repeat` refreshes a list or a figure on a steady beat.
 */
export function usePolling(options: PollingOptions = {}) {
  const poller = new Poller();
  if (options.live) {
    useLiveUpdates(options.live, (update) => {
      for (const id of update.ids) poller.nudge(id);
    });
  }
  onBeforeUnmount(() => poller.stopAll());

  function follow<T>(key: string, loop: PollLoop<T>): void {
    if (import.meta.server) return;
    poller.follow(key, loop);
  }

  /** Calls `refresh` on `schedule` until its limits (none: until unmounted); the answers do not matter. */
  function repeat(key: string, refresh: () => Promise<unknown>, schedule: PollSchedule): void {
    follow(key, { ...schedule, read: refresh, done: () => false });
  }

  return {
    follow,
    repeat,
    has: (key: string) => poller.has(key),
    stop: (key: string) => poller.stop(key),
  };
}
