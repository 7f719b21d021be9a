import { TOPIC_LIST, type TopicSpec, topicName } from '@billstream/contracts';
import { Kafka, logLevel } from 'kafkajs';

export interface TopicReport {
  readonly created: string[];
  readonly existing: string[];
}

function topicConfig(spec: TopicSpec): { name: string; value: string }[] {
  const entries = [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
    { name: 'retention.ms', value: String(spec.retentionMs) },
  ];
  // Transactions need min.insync.replicas <= replicas; on one broker that is 1.
  entries.push({ name: 'min.insync.replicas', value: '1' });
  return entries;
}

/**
 * Creates every registry topic that is missing. Existing topics are left as
 * they are, but a partition count that differs from the registry is an error:
 * co-partitioned topics would silently stop lining up.
 */
export async function ensureTopics(brokers: string[], prefix: string, replicationFactor: number): Promise<TopicReport> {
  if (replicationFactor < 1) throw new Error('KAFKA_REPLICATION_FACTOR must be >= 1');
  const admin = new Kafka({ brokers, logLevel: logLevel.WARN, clientId: 'billstream-setup' }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = TOPIC_LIST.filter((spec) => !existing.has(topicName(spec, prefix)));
    if (missing.length > 0) {
      await createTopicsOnce(admin, {
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: topicName(spec, prefix),
          numPartitions: spec.partitions,
          replicationFactor,
          configEntries: topicConfig(spec),
        })),
      });
    }
    await checkPartitions(admin, prefix);
    return {
      created: missing.map((spec) => topicName(spec, prefix)),
      existing: TOPIC_LIST.filter((spec) => !missing.includes(spec)).map((spec) => topicName(spec, prefix)),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * createTopics waiting for leaders. On a loaded machine a fresh broker may
 * answer the leader check with "does not host this topic-partition" after the
 * controller created the topics; that is no failure: checkPartitions then
 * waits (bounded) until the metadata shows every partition.
 */
async function createTopicsOnce(
  admin: ReturnType<Kafka['admin']>,
  options: Parameters<ReturnType<Kafka['admin']>['createTopics']>[0],
): Promise<void> {
  try {
    await admin.createTopics(options);
  } catch (error) {
    if ((error as { retriable?: boolean }).retriable !== true) throw error;
  }
}

/** Metadata reads right after creating topics, retried while a new broker still says it does not host them. */
const METADATA_ATTEMPTS_MAX = 20;
const METADATA_RETRY_DELAY_MS = 250;

async function fetchMetadata(admin: ReturnType<Kafka['admin']>, topics: string[]) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await admin.fetchTopicMetadata({ topics });
    } catch (error) {
      // "This server does not host this topic-partition": the controller has
      // created the topic, the broker's metadata cache has not caught up yet.
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= METADATA_ATTEMPTS_MAX) throw error;
      await new Promise((resolve) => setTimeout(resolve, METADATA_RETRY_DELAY_MS));
    }
  }
}

async function checkPartitions(admin: ReturnType<Kafka['admin']>, prefix: string): Promise<void> {
  const metadata = await fetchMetadata(
    admin,
    TOPIC_LIST.map((spec) => topicName(spec, prefix)),
  );
  for (const spec of TOPIC_LIST) {
    const topic = metadata.topics.find((entry) => entry.name === topicName(spec, prefix));
    const count = topic?.partitions.length ?? 0;
    if (count !== spec.partitions) {
      throw new Error(
        `topic ${topicName(spec, prefix)} has ${count} partitions but the registry says ${spec.partitions}`,
      );
    }
  }
}

/** A test run's topics are left alone this long, so two runs on one broker never pull topics from under each other. */
const TEST_TOPICS_AGE_MIN_MS = 3 * 60 * 60 * 1000;

/** Deletes topics of earlier test runs (prefix `t<start ms>.`, older than 3 h), never anything else. */
export async function deleteTestTopics(brokers: string[], keepPrefix: string): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.WARN, clientId: 'billstream-setup' }).admin();
  await admin.connect();
  try {
    const stale = (await admin.listTopics()).filter((name) => {
      const startedMs = Number(/^t(\d+)\./.exec(name)?.[1] ?? Number.NaN);
      return !name.startsWith(keepPrefix) && Date.now() - startedMs > TEST_TOPICS_AGE_MIN_MS;
    });
    if (stale.length > 0) await admin.deleteTopics({ topics: stale, timeout: 30_000 });
    return stale.length;
  } finally {
    await admin.disconnect();
  }
}

/** Prints every topic the broker has, with partitions, as Kafka's admin API reports them. */
export async function describeTopics(brokers: string[]): Promise<string[]> {
  const admin = new Kafka({ brokers, logLevel: logLevel.WARN, clientId: 'billstream-setup' }).admin();
  await admin.connect();
  try {
    const names = (await admin.listTopics()).filter((name) => !name.startsWith('__')).sort();
    const metadata = await admin.fetchTopicMetadata({ topics: names });
    return metadata.topics
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((topic) => `${topic.name.padEnd(40)} ${String(topic.partitions.length).padStart(3)} partitions`);
  } finally {
    await admin.disconnect();
  }
}
