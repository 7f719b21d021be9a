import type { TestClockResource } from '@billstream/contracts';
import { useDb } from '../../utils/db';

/** The organization's test-clock instant, or undefined while it follows the wall clock. */
export async function currentTestClock(organizationId: string): Promise<Date | undefined> {
  const row = await useDb().testClock.findUnique({ where: { organizationId } });
  return row?.nowAt ?? undefined;
}

export async function getTestClock(organizationId: string): Promise<TestClockResource> {
  const nowAt = await currentTestClock(organizationId);
  return { nowAt: nowAt?.toISOString() ?? null, wallClockAt: new Date().toISOString() };
}
