import { TOPICS, topicName, UserEvent } from '@billstream/contracts';
import { StreamsBuilder, stringSerde, type Topology, zodSerde } from '../../engine/index.ts';
import { type ActivityRow, activityRowOf } from './activityRow.ts';

/** The PostgreSQL view: rows of user_activity, keyed by event id. */
export const ACTIVITY_VIEW = 'activity_log';

/**
 * user-events → activity_log view. Stateless: each valid event becomes one
 * row whose id is the event id, so a redelivered event lands on the same row
 * (records keep their key, the acting user).
 * Records that are not JSON or not a user event are dead letters
 * (`<prefix>activity-dlq`), and the stream goes on.
 */
export function activityTopology(prefix: string): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream(topicName(TOPICS.userEvents, prefix), { keySerde: stringSerde, valueSerde: zodSerde(UserEvent) })
    .mapValues((event): ActivityRow => activityRowOf(event))
    .toPostgres(ACTIVITY_VIEW);
  return builder.build();
}
