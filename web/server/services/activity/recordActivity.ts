import type { Prisma } from '@billstream/db';
import { useDb } from '../../utils/db';

export interface ActivityInput {
  readonly organizationId: string;
  readonly userId: string | null;
  /** `<area>.<what happened>`, e.g. auth.login_locked, role.updated */
  readonly action: string;
  readonly resource: string;
  readonly resourceId?: string;
  readonly metadata?: Prisma.InputJsonValue;
  readonly ip?: string;
}

/**
 * Appends to the audit trail (user_activity). Auditing must never turn a
 * successful action into an error, so a failed write is logged, not thrown.
 */
export async function recordActivity(input: ActivityInput): Promise<void> {
  try {
    await useDb().userActivity.create({
      data: {
        organizationId: input.organizationId,
        userId: input.userId,
        action: input.action,
        resource: input.resource,
        resourceId: input.resourceId ?? null,
        ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
        ip: input.ip ?? null,
      },
    });
  } catch (error) {
    console.error('[audit] cannot record', input.action, error instanceof Error ? error.message : error);
  }
}
