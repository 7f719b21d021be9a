import { COMMAND_FAILURES_VIEW, internalTopicName } from '@billstream/contracts';
import type { Admin } from 'kafkajs';
import { resolvePartitionCounts, type Subtopology, type Topology } from '../../engine/index.ts';

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

/**
 * Every internal topic an app creates at start-up: those of its sub-topologies
 * plus the built-in command-failures view, which every app announces its
 * dead-lettered commands to (taskRuntime's bufferPoison); one partition is plenty.
 */
export function appInternalTopics(
  appId: string,
  subtopologies: readonly Subtopology[],
  counts: ReadonlyMap<string, number>,
): InternalTopic[] {
  const topics = internalTopics(
    subtopologies,
    counts,
    (view) => internalTopicName(appId, 'view', view),
    internalTopicName(appId, 'dlq'),
  );
  topics.push({ name: internalTopicName(appId, 'view', COMMAND_FAILURES_VIEW), partitions: 1, compacted: true });
  return topics;
}

/** Every topic an app with this topology reads, writes or creates, by name (checked against the registry). */
export function appTopicNames(appId: string, topology: Topology): string[] {
  const global = topology.globalSubtopology(appId);
  const subtopologies = topology.subtopologies(appId);
  const external = [...subtopologies, ...(global ? [global] : [])].flatMap((sub) => [
    ...sub.sourceTopics,
    ...sub.sinkTopics,
  ]);
  // Only names matter here, so every topic counts as one partition.
  const anyCount = new Map(subtopologies.flatMap((sub) => sub.sourceTopics.map((topic) => [topic, 1] as const)));
  const internal = appInternalTopics(appId, subtopologies, anyCount).map((topic) => topic.name);
  return [...new Set([...external, ...internal])];
}

/**
 * Rounds of create-then-check before start-up gives up on internal topics
 * (about 30 s: with three apps creating ~100 partitions each on a loaded
 * 2-core machine, 10 s was measured to be too short).
 */
export const TOPIC_CREATE_ATTEMPTS_MAX = 60;
const TOPIC_CREATE_BACKOFF_MS = 500;

/**
 * Creates the missing internal topics and waits until every partition has a
 * leader. A new broker answers metadata for a just-created topic with "does
 * not host this topic-partition" for a moment (KafkaJS's waitForLeaders
 * throws on it when many topics are created at once), so each round lists
 * what is still missing, creates it, and checks the leaders itself.
 */
export async function ensureInternalTopics(
  admin: Admin,
  topics: readonly InternalTopic[],
  replicationFactor: number,
): Promise<void> {
  // A view with both a PostgreSQL and a Redis sink shares one view topic.
  const unique = [...new Map(topics.map((topic) => [topic.name, topic])).values()];
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= TOPIC_CREATE_ATTEMPTS_MAX; attempt += 1) {
    try {
      const existing = new Set(await admin.listTopics());
      const missing = unique.filter((topic) => !existing.has(topic.name));
      if (missing.length > 0) await createTopics(admin, missing, replicationFactor);
      if (
        await leadersReady(
          admin,
          unique.map((topic) => topic.name),
        )
      )
        return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, TOPIC_CREATE_BACKOFF_MS));
  }
  throw new Error(`internal topics not ready after ${TOPIC_CREATE_ATTEMPTS_MAX} attempts: ${String(lastError)}`);
}

async function createTopics(admin: Admin, missing: readonly InternalTopic[], replicationFactor: number): Promise<void> {
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
}

async function leadersReady(admin: Admin, names: readonly string[]): Promise<boolean> {
  if (names.length === 0) return true;
  const metadata = await admin.fetchTopicMetadata({ topics: [...names] });
  return metadata.topics.every(
    (topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
  );
}
