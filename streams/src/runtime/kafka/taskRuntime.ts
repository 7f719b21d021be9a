import { commandSubject } from '@billstream/contracts';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { ViewRef } from '../../engine/index.ts';
import {
  buildTaskStores,
  changelogTopicName,
  DeserializationError,
  ProcessingError,
  type RecordMetadata,
  type StateStore,
  type StoreChange,
  StreamTask,
  type Subtopology,
} from '../../engine/index.ts';
import { Buffers } from './produceBuffers.ts';
import { readToEnd } from './readToEnd.ts';
import type { TaskSpec } from './taskAssignor.ts';

/** Records buffered by one task between commits; past this the task commits early. */
export const TASK_BUFFERED_RECORDS_MAX = 100_000;

/**
 * "dead-letter" (the default): a record whose processing throws is retried
 * from the last commit up to PROCESSING_ATTEMPTS_MAX times in all, then
 * dead-lettered, and the partition goes on. "fail": the runner restarts.
 */
export type ProcessingErrorPolicy = 'fail' | 'dead-letter';

/**
 * Attempts at a record whose processing throws, the first included, before it
 * is dead-lettered. Each retry rolls the task back to its last commit first,
 * so a failure that came from half-applied state gets a clean second chance.
 */
export const PROCESSING_ATTEMPTS_MAX = 3;

export interface TaskRuntimeOptions {
  readonly appId: string;
  readonly groupId: string;
  readonly kafka: Kafka;
  readonly exactlyOnce: boolean;
  /** Shared idempotent producer for at-least-once mode. */
  readonly sharedProducer: Producer | null;
  readonly globalStores: ReadonlyMap<string, StateStore>;
  readonly viewTopic: (view: ViewRef) => string;
  readonly dlqTopic: string;
  /** The compacted view topic where a dead-lettered command is announced as failed (partition 0). */
  readonly failuresTopic: string;
  readonly onRestore: (taskId: string, records: number) => void;
}

export interface DeadLetterRecord {
  readonly source: RecordMetadata;
  readonly message: KafkaMessage;
  readonly reason: string;
}

/**
 * One assigned task: its stores, its StreamTask, the records it produced since
 * the last commit and — with exactly-once — its own transactional producer
 * (transactional.id = <appId>-<taskId>), so that a zombie owner of the same task
 * is fenced the moment the new owner initialises.
 */
export class TaskRuntime {
  readonly spec: TaskSpec;
  readonly subtopology: Subtopology;
  task!: StreamTask;
  private stores!: Map<string, StateStore>;
  private readonly options: TaskRuntimeOptions;
  private readonly buffers = new Buffers();
  private producer: Producer | null = null;
  /** Inputs processed since the last commit, to replay after rolling back past a poison record. */
  private readonly uncommitted: { topic: string; message: KafkaMessage; poison?: DeadLetterRecord }[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  lastCommitMs = Date.now();
  dirty = false;
  /** Per input partition: the next offset this task's state does not yet include. */
  readonly nextOffsets = new Map<string, bigint>();
  /** Per input partition: the group generation in which the committed offset was last compared. */
  readonly checkedGeneration = new Map<string, number>();

  constructor(spec: TaskSpec, subtopology: Subtopology, options: TaskRuntimeOptions) {
    if (spec.subtopologyId !== subtopology.id) throw new Error(`task ${spec.id} given sub-topology ${subtopology.id}`);
    this.spec = spec;
    this.subtopology = subtopology;
    this.options = options;
  }

  /** Serializes work on this task: batches of co-partitioned topics and the commit timer. */
  withLock<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => {});
    return next;
  }

  /** Fences any previous owner, then rebuilds the stores from their changelogs. */
  async open(): Promise<void> {
    if (this.options.exactlyOnce) {
      this.producer = this.options.kafka.producer({
        transactionalId: `${this.options.appId}-${this.spec.id}`,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: 60_000,
      });
      await this.producer.connect();
      // KafkaJS registers the transactional id (InitProducerId: bump the epoch,
      // fence the previous owner, settle its open transaction) only when the
      // first transaction begins, not on connect. Begin and abort an empty one
      // now, so the fence is up before the restore reads the changelog.
      await (await this.producer.transaction()).abort();
    }
    await this.rebuild();
  }

  /** Fresh stores restored from the committed changelog; drops whatever was buffered. */
  async rebuild(): Promise<void> {
    this.buffers.clear();
    this.uncommitted.length = 0;
    this.dirty = false;
    this.task?.close();
    this.stores = buildTaskStores(this.subtopology);
    const storeByTopic = new Map<string, string>();
    for (const builder of this.subtopology.storeBuilders) {
      if (builder.loggingEnabled) storeByTopic.set(changelogTopicName(this.options.appId, builder.name), builder.name);
    }
    const restored = await readToEnd(
      this.options.kafka,
      [...storeByTopic.keys()].map((topic) => ({ topic, partition: this.spec.partition })),
      (ref, message) =>
        this.stores
          .get(storeByTopic.get(ref.topic)!)!
          .restore([{ key: message.key ?? Buffer.alloc(0), value: message.value }]),
    );
    this.options.onRestore(this.spec.id, restored);
    this.task = this.createTask();
  }

  private createTask(): StreamTask {
    const { appId } = this.options;
    const partition = this.spec.partition;
    return new StreamTask(
      this.spec.id,
      this.subtopology,
      this.stores,
      {
        send: (topic, key, value, headers, timestampMs, explicitPartition) => {
          this.buffers.push(topic, {
            key,
            value,
            headers,
            timestamp: String(timestampMs),
            ...(explicitPartition !== undefined ? { partition: explicitPartition } : {}),
          });
        },
      },
      {
        append: (change: StoreChange) => {
          this.buffers.pushCompacted(changelogTopicName(appId, change.store), {
            key: change.key,
            value: change.value,
            partition,
          });
        },
      },
      {
        appId,
        globalStores: this.options.globalStores,
        viewCollector: {
          write: (view, key, value, timestampMs, source) => {
            this.buffers.pushCompacted(this.options.viewTopic(view), {
              partition,
              key: JSON.stringify(key),
              value: JSON.stringify({ key, value, timestampMs, source }),
            });
          },
        },
      },
    );
  }

  /**
   * Runs records through the task; records that do not deserialize become dead
   * letters in the same transaction. A processing exception either fails the
   * task (policy "fail": the runner restarts from the last commit) or, with
   * policy "dead-letter", rolls the task back to its last commit, replays the
   * records since then and tries the failing one again, PROCESSING_ATTEMPTS_MAX
   * times in all; then it dead-letters that one and goes on.
   */
  async process(
    topic: string,
    messages: readonly KafkaMessage[],
    onDeadLetter: (letter: DeadLetterRecord) => void,
    policy: ProcessingErrorPolicy,
  ): Promise<void> {
    for (const message of messages) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          this.processOne(topic, message, onDeadLetter);
          break;
        } catch (error) {
          if (!(error instanceof ProcessingError) || policy === 'fail') throw error;
          await this.rollBackWithout(message);
          if (attempt < PROCESSING_ATTEMPTS_MAX) continue;
          this.deadLetterPoison(topic, message, error, attempt, onDeadLetter);
          break;
        }
      }
    }
    this.dirty = true;
  }

  private processOne(topic: string, message: KafkaMessage, onDeadLetter: (letter: DeadLetterRecord) => void): void {
    if (this.uncommitted.length >= TASK_BUFFERED_RECORDS_MAX) {
      throw new Error(`task ${this.spec.id}: more than TASK_BUFFERED_RECORDS_MAX uncommitted records`);
    }
    this.uncommitted.push({ topic, message });
    try {
      this.task.process(
        topic,
        this.spec.partition,
        Number(message.offset),
        message.key,
        message.value,
        Number(message.timestamp),
        stringHeaders(message),
      );
    } catch (error) {
      if (!(error instanceof DeserializationError)) throw error;
      const letter = { source: error.source, message, reason: error.reason };
      this.bufferPoison(letter);
      onDeadLetter(letter);
    }
  }

  /**
   * Restores the stores as of the last commit and replays the records since
   * then, except `skipped`. Poison records dead-lettered earlier in this
   * commit interval are not processed again: their dead letters are buffered
   * again, in order.
   */
  private async rollBackWithout(skipped: KafkaMessage): Promise<void> {
    const replay = this.uncommitted.filter((entry) => entry.message !== skipped);
    await this.rebuild();
    for (const entry of replay) {
      if (entry.poison) {
        this.uncommitted.push(entry);
        this.bufferPoison(entry.poison);
      } else this.processOne(entry.topic, entry.message, () => {});
    }
  }

  private deadLetterPoison(
    topic: string,
    poison: KafkaMessage,
    error: ProcessingError,
    attempts: number,
    onDeadLetter: (letter: DeadLetterRecord) => void,
  ): void {
    const letter = {
      source: { topic, partition: this.spec.partition, offset: Number(poison.offset) },
      message: poison,
      reason: `processing failed after ${attempts} attempts: ${error.message}`,
    };
    this.uncommitted.push({ topic, message: poison, poison: letter });
    this.bufferPoison(letter);
    onDeadLetter(letter);
  }

  /** The dead letter, and the command's failure for the API (when the record names what it acts on). */
  private bufferPoison(letter: DeadLetterRecord): void {
    this.bufferDeadLetter(letter);
    const subject = commandSubject(letter.message.value?.toString('utf8') ?? null);
    if (subject === null) return;
    const failedAt = new Date().toISOString();
    const failure = { ...subject, reason: letter.reason.slice(0, 2_000), failedAt };
    this.buffers.pushCompacted(this.options.failuresTopic, {
      key: JSON.stringify(subject.id),
      value: JSON.stringify({
        key: subject.id,
        value: failure,
        timestampMs: Date.parse(failedAt),
        source: letter.source,
      }),
      partition: 0,
    });
  }

  bufferDeadLetter(letter: DeadLetterRecord): void {
    this.buffers.push(this.options.dlqTopic, {
      key: letter.message.key,
      value: letter.message.value,
      headers: {
        ...stringHeaders(letter.message),
        'dlq.error': letter.reason.slice(0, 2_000),
        'dlq.source.topic': letter.source.topic,
        'dlq.source.partition': String(letter.source.partition),
        'dlq.source.offset': String(letter.source.offset),
        'dlq.time': new Date().toISOString(),
      },
    });
    this.dirty = true;
  }

  bufferedRecords(): number {
    return this.buffers.count;
  }

  /** Opened (restored) and neither closed nor corrupted. */
  isOpen(): boolean {
    return this.task?.isRunning() === true;
  }

  /**
   * Fires the task's due wall-clock punctuators (overdue invoices, expiring
   * holds): what they forward and store is buffered like processed records
   * and goes out in the next commit's transaction.
   */
  punctuateWallClock(nowMs: number): void {
    if (this.task.punctuateWallClock(nowMs) > 0) this.dirty = true;
  }

  /**
   * Exactly-once: outputs, changelog, views, dead letters and the input offsets
   * in one Kafka transaction. At-least-once: produce, then commit offsets.
   */
  async commit(
    commitOffsets: (offsets: readonly RecordMetadata[]) => Promise<void>,
  ): Promise<ReadonlyMap<string, number>> {
    if (!this.dirty) return new Map();
    const { offsets } = this.task.prepareCommit();
    const calls = this.buffers.calls();
    // STREAMS_DEBUG_COMMITS=1 prints what each commit carries, per topic.
    if (process.env.STREAMS_DEBUG_COMMITS)
      console.error(
        `commit ${this.spec.id} ${JSON.stringify(calls.map((c) => c.map((e) => [e.topic, e.messages.length])))}`,
      );
    const produced = new Map<string, number>();
    for (const call of calls) {
      for (const entry of call) produced.set(entry.topic, (produced.get(entry.topic) ?? 0) + entry.messages.length);
    }
    if (this.producer) {
      const transaction = await this.producer.transaction();
      try {
        for (const topicMessages of calls) await transaction.sendBatch({ topicMessages, acks: -1 });
        // A commit of punctuation output alone has no input offsets to move.
        if (offsets.length > 0)
          await transaction.sendOffsets({ consumerGroupId: this.options.groupId, topics: groupOffsets(offsets) });
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => {});
        throw error;
      }
    } else {
      for (const topicMessages of calls) await this.options.sharedProducer!.sendBatch({ topicMessages, acks: -1 });
      if (offsets.length > 0) await commitOffsets(offsets);
    }
    this.buffers.clear();
    this.uncommitted.length = 0;
    this.dirty = false;
    this.lastCommitMs = Date.now();
    return produced;
  }

  async close(): Promise<void> {
    this.task?.close();
    await this.producer?.disconnect().catch(() => {});
    this.producer = null;
  }
}

function stringHeaders(message: KafkaMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) out[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return out;
}

export function groupOffsets(offsets: readonly RecordMetadata[]) {
  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const entry of offsets) {
    const list = byTopic.get(entry.topic) ?? [];
    list.push({ partition: entry.partition, offset: String(entry.offset) });
    byTopic.set(entry.topic, list);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}
