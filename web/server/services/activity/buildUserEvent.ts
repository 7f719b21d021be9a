import { randomUUID } from 'node:crypto';
import { type ActivityData, UserEvent, type UserEventType } from '@billstream/contracts';

export const USER_EVENT_SOURCE = 'billstream-web';

export interface ActivityInput {
  readonly organizationId: string;
  readonly userId: string | null;
  /** `<area>.<what happened>`, e.g. auth.login_locked, role.updated */
  readonly action: string;
  readonly resource: string;
  readonly resourceId?: string;
  readonly metadata?: NonNullable<ActivityData['metadata']>;
  readonly ip?: string;
  /** The event type; derived from the action when left out (see eventTypeOf). */
  readonly type?: UserEventType;
}

const SIGN_IN_FAILURES = new Set(['auth.login_failed', 'auth.login_locked', 'auth.locked_out', 'auth.login_refused']);
const SIGN_OUTS = new Set(['auth.logout', 'auth.logout_all']);

/** Sign-ins, refused sign-ins and sign-outs have their own types; everything else a user does is a change. */
export function eventTypeOf(action: string): UserEventType {
  if (action === 'auth.login') return 'UserSignedIn';
  if (SIGN_IN_FAILURES.has(action)) return 'UserSignInFailed';
  if (SIGN_OUTS.has(action)) return 'UserSignedOut';
  return 'UserChanged';
}

/** The user-events record for an activity, validated against the shared schema (a bug throws here, not in the processor). */
export function buildUserEvent(input: ActivityInput, occurredAt: Date, eventId = randomUUID()): UserEvent {
  return UserEvent.parse({
    eventId,
    occurredAt: occurredAt.toISOString(),
    source: USER_EVENT_SOURCE,
    type: input.type ?? eventTypeOf(input.action),
    version: 1,
    data: {
      organizationId: input.organizationId,
      userId: input.userId,
      action: input.action,
      resource: input.resource,
      resourceId: input.resourceId ?? null,
      ip: input.ip ?? null,
      metadata: input.metadata ?? null,
    },
  });
}
