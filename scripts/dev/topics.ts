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
    if (missing.length > 0) await createWithRetry(admin, missing, prefix, replicationFactor);
    await withRetry(() => checkPartitions(admin, prefix));
    return {
      created: missing.map((spec) => topicName(spec, prefix)),
      existing: TOPIC_LIST.filter((spec) => !missing.includes(spec)).map((spec) => topicName(spec, prefix)),
    };
  } finally {
    await admin.disconnect();
  }
}

/** Attempts while a freshly started broker settles the metadata of topics it just created. */
const CREATE_TOPICS_ATTEMPTS_MAX = 10;
const CREATE_TOPICS_BACKOFF_MS = 500;

/**
 * KafkaJS waits for the leaders of new topics but gives up on a retriable
 * "does not host this topic-partition", which a KRaft broker answers while
 * its metadata catches up; so retry, creating only what is still missing.
 */
/** Runs `action` again after a retriable broker error, up to CREATE_TOPICS_ATTEMPTS_MAX times. */
async function withRetry(action: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await action();
      return;
    } catch (error) {
      const retriable = (error as { retriable?: boolean } | null)?.retriable === true;
      if (!retriable || attempt >= CREATE_TOPICS_ATTEMPTS_MAX) throw error;
      await new Promise((resolve) => setTimeout(resolve, CREATE_TOPICS_BACKOFF_MS * attempt));
    }
  }
}

async function createWithRetry(
  admin: ReturnType<Kafka['admin']>,
  specs: readonly TopicSpec[],
  prefix: string,
  replicationFactor: number,
): Promise<void> {
  await withRetry(async () => {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(topicName(spec, prefix)));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: topicName(spec, prefix),
        numPartitions: spec.partitions,
        replicationFactor,
        configEntries: topicConfig(spec),
      })),
    });
  });
}

async function checkPartitions(admin: ReturnType<Kafka['admin']>, prefix: string): Promise<void> {
  const metadata = await admin.fetchTopicMetadata({ topics: TOPIC_LIST.map((spec) => topicName(spec, prefix)) });
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
