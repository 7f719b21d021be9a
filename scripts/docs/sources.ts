/**
 * Every piece of code the generated doc tables restate, imported in this one
 * file: when a contract moves (e.g. the permission table to
 * @billstream/contracts), only these imports change.
 */
import path from 'node:path';
import {
  BUILTIN_ROLE_NAMES,
  COMMAND_FAILURES_VIEW,
  PERMISSIONS,
  TOPIC_LIST,
  type TopicSpec,
} from '@billstream/contracts';
import { APPS } from '../../streams/src/apps/index.ts';
import { dlqTopicName, viewTopicName } from '../../streams/src/runtime/kafka/topologyRunner.ts';
import { API_ROUTES, type ApiRoute, findApiRoute } from '../../web/shared/auth/apiRoutes.ts';
import { PROCESSOR_APP_NAMES } from '../dev/streams.ts';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export { API_ROUTES, type ApiRoute, findApiRoute, BUILTIN_ROLE_NAMES, PERMISSIONS, TOPIC_LIST, type TopicSpec };

/** Where the generated tables say each source lives (links are relative to the repository root). */
export const SOURCE_FILES = {
  topics: 'packages/contracts/src/topics.ts',
  runtimeTopics: 'streams/src/runtime/kafka/topologyRunner.ts',
  permissions: 'packages/contracts/src/permissions.ts',
  routeMap: 'web/shared/auth/apiRoutes.ts',
  routes: 'web/server/api',
  envExample: '.env.example',
} as const;

export interface ProcessorApp {
  readonly name: string;
  readonly defaultPort: number;
  readonly views: readonly string[];
  readonly postgresViews: readonly string[];
}

/** The processor apps `npm start` runs, in its order, with the views each materializes. */
export function processorApps(): ProcessorApp[] {
  return PROCESSOR_APP_NAMES.map((name) => {
    const app = APPS[name];
    if (!app) throw new Error(`PROCESSOR_APP_NAMES names ${name}, which streams/src/apps does not define`);
    return {
      name,
      defaultPort: app.defaultPort,
      // Every topology app also announces dead-lettered commands (topologyApp adds this view).
      views: [...(app.views ?? []), COMMAND_FAILURES_VIEW],
      postgresViews: app.postgresViews ?? [],
    };
  });
}

export const runtimeTopicNames = { view: viewTopicName, dlq: dlqTopicName };
