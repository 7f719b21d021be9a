const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest due period the configuration allows. */
export const DUE_DAYS_MAX = 365;

/** The UTC calendar date of an instant, "2026-11-25". */
export function isoDate(atMs: number): string {
  if (!Number.isFinite(atMs)) throw new Error('date needs a finite instant');
  return new Date(atMs).toISOString().slice(0, 10);
}

/** DUE_DATE_RULE: due date = issue date + the configured due days (calendar days, UTC). */
export function dueDate(issueDate: string, dueDays: number): string {
  if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > DUE_DAYS_MAX) throw new Error(`bad due days ${dueDays}`);
  const startMs = Date.parse(`${issueDate}T00:00:00Z`);
  if (Number.isNaN(startMs)) throw new Error(`bad issue date ${issueDate}`);
  return isoDate(startMs + dueDays * DAY_MS);
}

/** Whole days from `fromDate` to `toDate` (negative when `toDate` is earlier). */
export function daysBetween(fromDate: string, toDate: string): number {
  const fromMs = Date.parse(`${fromDate}T00:00:00Z`);
  const toMs = Date.parse(`${toDate}T00:00:00Z`);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new Error(`bad dates ${fromDate}, ${toDate}`);
  return Math.round((toMs - fromMs) / DAY_MS);
}

/** An invoice is overdue from the day after its due date. */
export function isPastDue(due: string, today: string): boolean {
  return daysBetween(due, today) > 0;
}
