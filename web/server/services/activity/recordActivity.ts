import { TOPICS, topicName, userEventKey } from '@billstream/contracts';
import { serverConfig } from '../../utils/config';
import { produceDurably } from '../../utils/kafka';
import { type ActivityInput, buildUserEvent } from './buildUserEvent';

export type { ActivityInput } from './buildUserEvent';

/**
 * Publishes what a user did to `user-events` (acks=all); the activity
 * processor turns it into a row of the activity log. The action itself has
 * already happened when this runs, so an unreachable broker is logged rather
 * than turned into an error for the caller.
 */
export async function recordActivity(input: ActivityInput): Promise<void> {
  const event = buildUserEvent(input, new Date());
  try {
    await produceDurably(topicName(TOPICS.userEvents, serverConfig().kafkaTopicPrefix), {
      key: userEventKey(event.data),
      value: JSON.stringify(event),
      headers: { 'event-type': event.type, 'event-version': String(event.version) },
    });
  } catch (error) {
    console.error('[activity] cannot publish', input.action, error instanceof Error ? error.message : error);
  }
}
