import { code, retention, table } from './markdown.ts';
import { processorApps, runtimeTopicNames, SOURCE_FILES, TOPIC_LIST } from './sources.ts';

/** What `ensureInternalTopics` (streams/src/runtime/kafka/internalTopics.ts) gives a dead-letter topic it creates. */
const RUNTIME_DLQ_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The registry's topics, as `npm start` creates them. */
export function topicsTable(): string {
  const rows = TOPIC_LIST.map((topic) => [
    code(topic.name),
    String(topic.partitions),
    retention(topic.retentionMs),
    topic.cleanupPolicy,
    topic.key,
    topic.description,
  ]);
  return table(['Topic', 'Partitions', 'Retention', 'Cleanup', 'Key', 'What'], rows, [
    '---',
    '---:',
    '---',
    '---',
    '---',
    '---',
  ]);
}

/**
 * The topics each processor app creates for itself at start (the runtime
 * derives their names; see `internalTopics.ts`): one dead-letter topic and one
 * compacted topic per view. Changelog and repartition topics depend on the
 * topology's stores and are described in the text, not listed.
 */
export function runtimeTopicsTable(): string {
  const rows = processorApps().map((app) => {
    const dlq = runtimeTopicNames.dlq(app.name);
    // The registry's entry wins: `npm start` creates registry topics before any app starts.
    const registered = TOPIC_LIST.find((topic) => topic.name === dlq);
    const dlqRetention = registered
      ? `${retention(registered.retentionMs)} (registry)`
      : retention(RUNTIME_DLQ_RETENTION_MS);
    const views = app.views.map((view) => code(runtimeTopicNames.view(app.name, view)));
    return [code(app.name), code(dlq), dlqRetention, views.join(', ')];
  });
  return table(['App', 'Dead-letter topic (1 partition)', 'Its retention', 'View topics (compacted)'], rows);
}

export const TOPIC_SOURCES = [SOURCE_FILES.topics, SOURCE_FILES.runtimeTopics];
