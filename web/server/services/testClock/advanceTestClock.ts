import type { AdvanceTestClockBody, TestClockAccepted } from '@billstream/contracts';
import { useDb } from '../../utils/db';
import { problems } from '../../utils/problem';
import { buildBillingCommand, publishBillingCommand } from '../invoices/publishBillingCommand';
import { type IdempotentResult, runIdempotently } from '../invoices/runIdempotently';
import { currentTestClock } from './getTestClock';
import { nextClockInstant } from './nextClockInstant';

/** Test clocks are a test-mode feature: a live organization's invoices follow the wall clock only. */
async function requireTestMode(organizationId: string): Promise<void> {
  const organization = await useDb().organization.findUnique({ where: { id: organizationId } });
  if (organization?.testMode) return;
  throw problems.conflict('Test clocks exist only for organizations in test mode', 'not-in-test-mode');
}

export interface AdvanceTestClockInput {
  readonly body: AdvanceTestClockBody;
  readonly rawBody: unknown;
  readonly idempotencyKey: string;
  readonly requestId: string;
  readonly organizationId: string;
}

/**
 * POST /api/v1/test-clock/advance: a test-mode feature (organizations.test_mode). The billing
 * processor judges due dates against the organization's clock, so moving it
 * makes invoices overdue without waiting; nothing else reads it.
 */
export function advanceTestClock(input: AdvanceTestClockInput): Promise<IdempotentResult<TestClockAccepted>> {
  return runIdempotently(
    {
      operation: 'POST /api/v1/test-clock/advance',
      organizationId: input.organizationId,
      idempotencyKey: input.idempotencyKey,
      rawBody: input.rawBody,
    },
    async () => {
      await requireTestMode(input.organizationId);
      const now = new Date();
      const nowAt = nextClockInstant(input.body, await currentTestClock(input.organizationId), now);
      const command = buildBillingCommand(
        'TestClockAdvanced',
        { organizationId: input.organizationId, nowAt: nowAt.toISOString(), requestedAt: now.toISOString() },
        now,
      );
      await publishBillingCommand(command, input.requestId);
      return { nowAt: nowAt.toISOString(), status: 'pending', links: { self: '/api/v1/test-clock' } };
    },
  );
}
