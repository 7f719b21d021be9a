import type { UserEvent } from '@billstream/contracts';
import { z } from 'zod';

/** One row of the activity log as it travels on the view topic. */
export const ActivityRow = z.object({
  id: z.uuid(),
  type: z.string(),
  organizationId: z.uuid(),
  userId: z.uuid().nullable(),
  action: z.string(),
  resource: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type ActivityRow = z.infer<typeof ActivityRow>;

/** The event type goes into the metadata (`eventType`) so the log can tell sign-ins from changes. */
export function activityRowOf(event: UserEvent): ActivityRow {
  const { data } = event;
  return {
    id: event.eventId,
    type: event.type,
    organizationId: data.organizationId,
    userId: data.userId,
    action: data.action,
    resource: data.resource,
    resourceId: data.resourceId,
    ip: data.ip,
    metadata: data.metadata,
    occurredAt: event.occurredAt,
  };
}
