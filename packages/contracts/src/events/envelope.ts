import { z } from 'zod';

/**
 * Every record value on a Billstream topic is an envelope: who emitted which
 * event type at which schema version. Consumers validate the whole envelope;
 * an unknown type or version is a dead letter, not a crash.
 */
export const EventMeta = z.object({
  eventId: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1).max(64),
});

export function envelope<TType extends string, TVersion extends number, TData extends z.ZodType>(
  type: TType,
  version: TVersion,
  data: TData,
) {
  return EventMeta.extend({
    type: z.literal(type),
    version: z.literal(version),
    data,
  });
}
