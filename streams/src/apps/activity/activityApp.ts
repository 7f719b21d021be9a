import { topologyApp } from '../../runtime/index.ts';
import { ACTIVITY_VIEW, activityTopology } from './activityTopology.ts';
import { activityView } from './activityView.ts';

export const activityApp = topologyApp({
  name: 'activity',
  description: 'Materializes user-events (sign-ins, changes, commands) into the activity log (user_activity)',
  defaultPort: 9006,
  build: (config) => activityTopology(config.topicPrefix),
  views: { [ACTIVITY_VIEW]: activityView },
});
