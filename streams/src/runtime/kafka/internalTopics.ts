import type { Admin } from 'kafkajs';
import { resolvePartitionCounts, type Subtopology } from '../../engine/index.ts';

export interface InternalTopic {
  readonly name: string;
  readonly partitions: number;
  readonly compacted: boolean;
}

/** Partition counts of every topic the app reads, repartition topics included. */
export async function partitionCounts(
  admin: Admin,
  subtopologies: readonly Subtopology[],
): Promise<Map<string, number>> {
  const external = subtopologies.flatMap((sub) =>
    sub.sourceTopics.filter((topic) => !sub.repartitionSourceTopics.includes(topic)),
  );
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(external)].filter((topic) => !existing.has(topic));
  if (missing.length > 0)
    throw new Error(`source topics do not exist: ${missing.join(', ')} (run npm start / the setup step first)`);
  const metadata =
    external.length > 0 ? await admin.fetchTopicMetadata({ topics: [...new Set(external)] }) : { topics: [] };
  const known = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
  return resolvePartitionCounts(subtopologies, (topic) => known.get(topic));
}

/** Changelogs, repartition, view and dead-letter topics, sized from the tasks that write them. */
export function internalTopics(
  subtopologies: readonly Subtopology[],
  counts: ReadonlyMap<string, number>,
  viewTopic: (name: string) => string,
  dlqTopic: string,
): InternalTopic[] {
  const topics: InternalTopic[] = [{ name: dlqTopic, partitions: 1, compacted: false }];
  for (const sub of subtopologies) {
    const tasks = counts.get(sub.sourceTopics[0]!) ?? 0;
    if (tasks <= 0) throw new Error(`sub-topology ${sub.id} has no partitions`);
    for (const topic of sub.changelogTopics) topics.push({ name: topic, partitions: tasks, compacted: true });
    for (const view of sub.views) topics.push({ name: viewTopic(view.name), partitions: tasks, compacted: true });
  }
  for (const sub of subtopologies) {
    for (const topic of sub.repartitionSourceTopics)
      topics.push({ name: topic, partitions: counts.get(topic)!, compacted: false });
  }
  return topics;
}

/** How long start-up waits for created topics to have leaders (a loaded broker can take many seconds). */
const TOPIC_LEADERS_WAIT_ATTEMPTS_MAX = 120;
const TOPIC_LEADERS_WAIT_MS = 500;

function isUnknownTopic(error: unknown): boolean {
  return (error as { type?: string } | null)?.type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

/**
 * Waits until every topic has a leader for every partition. KafkaJS's own
 * `waitForLeaders` gives up when a just-created topic is not in the broker's
 * metadata yet (UNKNOWN_TOPIC_OR_PARTITION), which on a busy broker crashed
 * the processor at start; this retries that, boundedly.
 */
async function waitForLeaders(admin: Admin, topics: readonly string[]): Promise<void> {
  for (let attempt = 1; attempt <= TOPIC_LEADERS_WAIT_ATTEMPTS_MAX; attempt += 1) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      const ready = metadata.topics.every(
        (topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (ready && metadata.topics.length === topics.length) return;
    } catch (error) {
      if (!isUnknownTopic(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, TOPIC_LEADERS_WAIT_MS));
  }
  throw new Error(
    `internal topics have no leaders after ${TOPIC_LEADERS_WAIT_ATTEMPTS_MAX} checks: ${topics.join(', ')}`,
  );
}

export async function ensureInternalTopics(
  admin: Admin,
  topics: readonly InternalTopic[],
  replicationFactor: number,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  // A view with both a PostgreSQL and a Redis sink shares one view topic.
  const unique = [...new Map(topics.map((topic) => [topic.name, topic])).values()];
  const missing = unique.filter((topic) => !existing.has(topic.name));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: false,
    topics: missing.map((topic) => ({
      topic: topic.name,
      numPartitions: topic.partitions,
      replicationFactor,
      configEntries: [
        { name: 'cleanup.policy', value: topic.compacted ? 'compact' : 'delete' },
        { name: 'min.insync.replicas', value: '1' },
        ...(topic.compacted ? [] : [{ name: 'retention.ms', value: String(7 * 24 * 3_600_000) }]),
      ],
    })),
  });
  await waitForLeaders(
    admin,
    missing.map((topic) => topic.name),
  );
}
