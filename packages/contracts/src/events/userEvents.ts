import { z } from 'zod';
import { envelope } from './envelope.ts';

/**
 * user-events: what users did, keyed by the acting user's id (the
 * organization's id when no user is known). The web app produces them with
 * acks=all after validating them with these schemas; the activity processor
 * (streams/src/apps/activity) materializes them into the activity log
 * (user_activity), one row per eventId.
 */

/** `<area>.<what happened>`, e.g. auth.login, user.deactivated, transaction.requested. */
export const ActivityAction = z
  .string()
  .max(100)
  .regex(/^[a-z_]+\.[a-z_]+$/, 'must be an action such as auth.login');

/** Bounds what one event may carry for the log; larger metadata is a bug of the producer. */
export const ACTIVITY_METADATA_KEYS_MAX = 20;

const ActivityMetadata = z
  .record(
    z.string().max(64),
    z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.string().max(100)).max(50)]),
  )
  .refine((value) => Object.keys(value).length <= ACTIVITY_METADATA_KEYS_MAX, {
    message: `must have at most ${ACTIVITY_METADATA_KEYS_MAX} keys`,
  });

const ActivityData = z.object({
  organizationId: z.uuid(),
  /** The acting user; null for the system or an unknown caller. */
  userId: z.uuid().nullable(),
  action: ActivityAction,
  /** What the action was about: user, session, role, api_token, transaction... */
  resource: z.string().min(1).max(50),
  resourceId: z.string().max(100).nullable(),
  ip: z.string().max(45).nullable(),
  metadata: ActivityMetadata.nullable(),
});
export type ActivityData = z.infer<typeof ActivityData>;

/** A successful sign-in (a session was issued). */
export const UserSignedIn = envelope('UserSignedIn', 1, ActivityData);
/** A refused sign-in: wrong password, locked out, deactivated or unverified account. */
export const UserSignInFailed = envelope('UserSignInFailed', 1, ActivityData);
/** A session ended: sign-out, sign-out everywhere. */
export const UserSignedOut = envelope('UserSignedOut', 1, ActivityData);
/** A change made by or to a user: profile, settings, roles, status, password, tokens, roles of the organization. */
export const UserChanged = envelope('UserChanged', 1, ActivityData);
/** A command the user submitted to a command topic (e.g. a credit or debit), acknowledged by Kafka. */
export const CommandSubmitted = envelope('CommandSubmitted', 1, ActivityData);

export const UserEvent = z.discriminatedUnion('type', [
  UserSignedIn,
  UserSignInFailed,
  UserSignedOut,
  UserChanged,
  CommandSubmitted,
]);
export type UserEvent = z.infer<typeof UserEvent>;
export type UserEventType = UserEvent['type'];
export const USER_EVENT_TYPES = [
  'UserSignedIn',
  'UserSignInFailed',
  'UserSignedOut',
  'UserChanged',
  'CommandSubmitted',
] as const satisfies readonly UserEventType[];

/** The record key on user-events: the acting user, else the organization. */
export function userEventKey(data: Pick<ActivityData, 'userId' | 'organizationId'>): string {
  return data.userId ?? data.organizationId;
}
