import type { PlanInterval } from '@billstream/contracts';

/** Most periods one subscription may ever run (100 years of months): a bound on every period index. */
export const PERIOD_INDEX_MAX = 1_200;

/**
 * PERIOD_RULE: period k of a subscription starts at anchor + k intervals,
 * counted from the anchor (never from the previous period, so a 31st does not
 * drift to the 28th for good), at the anchor's time of day. A day the target
 * month lacks is clamped to the month's last day (31 Jan → 28/29 Feb → 31 Mar).
 * The anchor is the trial end, or the start without a trial.
 */
export function periodStartMs(anchorMs: number, interval: PlanInterval, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index > PERIOD_INDEX_MAX) throw new Error(`bad period index ${index}`);
  if (!Number.isSafeInteger(anchorMs) || anchorMs < 0) throw new Error(`bad anchor ${anchorMs}`);
  const anchor = new Date(anchorMs);
  const months = anchor.getUTCMonth() + index * (interval === 'year' ? 12 : 1);
  const year = anchor.getUTCFullYear() + Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  const timeOfDayMs = anchorMs - Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate());
  return Date.UTC(year, month, day) + timeOfDayMs;
}

const DAY_MS = 86_400_000;

/** The trial's end: start + trial days (whole days), or null without a trial. */
export function trialEndMs(startMs: number, trialDays: number): number | null {
  if (!Number.isInteger(trialDays) || trialDays < 0) throw new Error(`bad trial days ${trialDays}`);
  return trialDays === 0 ? null : startMs + trialDays * DAY_MS;
}
