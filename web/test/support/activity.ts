import type { ApiResponse } from './api';
import { adminSession, type Session } from './session';

export interface ActivityEntry {
  id: string;
  userId: string | null;
  userEmail: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  metadata: Record<string, unknown> | null;
}

/** How long the activity processor may take to bring an event into the log. */
export const ACTIVITY_WAIT_MS = 30_000;

/**
 * Polls an activity route (the log is a view the activity processor fills
 * from user-events, so a row appears shortly after the action) until `done`
 * accepts the rows or the time is up; returns the last rows.
 */
export async function waitForActivity(
  path: string,
  done: (rows: ActivityEntry[]) => boolean,
  session?: Session,
): Promise<ActivityEntry[]> {
  const reader = session ?? (await adminSession());
  const deadline = Date.now() + ACTIVITY_WAIT_MS;
  for (;;) {
    const response: ApiResponse<{ data: ActivityEntry[] }> = await reader.get(path);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    const rows = response.body.data;
    if (done(rows) || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
