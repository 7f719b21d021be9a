import type { AdvanceTestClockBody } from '@billstream/contracts';
import { problems } from '../../utils/problem';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant a test clock moves to: `nowAt`, or `days` after the clock (the
 * wall clock while the organization has none). A clock only moves forward.
 */
export function nextClockInstant(body: AdvanceTestClockBody, current: Date | undefined, wallClock: Date): Date {
  const base = current ?? wallClock;
  const next = 'days' in body ? new Date(base.getTime() + body.days * DAY_MS) : new Date(body.nowAt);
  if (next.getTime() <= base.getTime()) {
    const name = 'days' in body ? 'body.days' : 'body.nowAt';
    throw problems.invalid([{ name, reason: `must move the clock past ${base.toISOString()}` }]);
  }
  return next;
}
