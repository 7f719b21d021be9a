import { COMMAND_FAILURES_VIEW, internalTopicName } from '@billstream/contracts';
import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import {
  buildTaskStores,
  GlobalStateManager,
  type StateStore,
  type Subtopology,
  type Topology,
} from '../../engine/index.ts';
import type { AppContext } from '../app.ts';
import { appInternalTopics, ensureInternalTopics, partitionCounts } from './internalTopics.ts';
import { type Tail, tailTopics } from './tailTopics.ts';
import { listTasks, type TaskSpec, taskPartitionAssigner } from './taskAssignor.ts';
import { type ProcessingErrorPolicy, TaskRuntime } from './taskRuntime.ts';

export type ProcessingGuarantee = 'exactly_once' | 'at_least_once';

export interface RunnerOptions {
  readonly appId: string;
  readonly topology: Topology;
  readonly guarantee: ProcessingGuarantee;
  /** Longest a task keeps processed records uncommitted. */
  readonly commitIntervalMs: number;
  readonly replicationFactor: number;
  /** What a processing exception does: fail (restart from the last commit) or retry, dead-letter the record and go on. */
  readonly processingErrors: ProcessingErrorPolicy;
}

/** How often the commit timer looks for tasks whose interval has elapsed. */
const COMMIT_TICK_MS = 20;
/** Restarts after a failure back off up to this. */
const RESTART_BACKOFF_MAX_MS = 10_000;

export const viewTopicName = (appId: string, view: string) => internalTopicName(appId, 'view', view);
export const dlqTopicName = (appId: string) => internalTopicName(appId, 'dlq');

/**
 * The poll–process–commit loop of one app instance: a consumer group whose
 * assignor hands out whole tasks, one TaskRuntime per assigned task, a commit
 * timer, and global stores kept current by a tail of their topics. Any failure
 * (a fenced producer, a broker outage, a processing error with policy "fail")
 * tears everything down and starts again from the last commit, so the in-memory
 * state can never drift from what Kafka has committed.
 */
export class TopologyRunner {
  private readonly context: AppContext;
  private readonly options: RunnerOptions;
  private readonly kafka: Kafka;
  private subtopologies: Subtopology[] = [];
  private readonly tasks = new Map<string, TaskRuntime>();
  private assigned = new Map<string, TaskSpec>();
  private taskSpecs = new Map<string, TaskSpec>();
  private consumer: Consumer | null = null;
  private sharedProducer: Producer | null = null;
  private globalStores = new Map<string, StateStore>();
  private globalTail: Tail | null = null;
  private commitTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private failures = 0;
  /** Bumped on every group join. */
  private generation = 0;

  constructor(context: AppContext, options: RunnerOptions) {
    if (options.commitIntervalMs < 0) throw new Error('commitIntervalMs must be >= 0');
    this.context = context;
    this.options = options;
    this.kafka = context.clients.kafka;
  }

  get groupId(): string {
    return this.options.appId;
  }

  async start(): Promise<void> {
    this.subtopologies = this.options.topology.subtopologies(this.options.appId);
    await this.prepareTopics();
    await this.startGlobalStores();
    await this.startConsumer();
    this.commitTimer = setInterval(() => void this.commitDue(), COMMIT_TICK_MS);
  }

  private async prepareTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const counts = await partitionCounts(admin, this.subtopologies);
      const topics = appInternalTopics(this.options.appId, this.subtopologies, counts);
      await ensureInternalTopics(admin, topics, this.options.replicationFactor);
      const tasks = listTasks(this.subtopologies, (topic) => counts.get(topic) ?? 0);
      this.taskSpecs = new Map(tasks.map((task) => [task.id, task]));
    } finally {
      await admin.disconnect();
    }
  }

  private async startGlobalStores(): Promise<void> {
    const global = this.options.topology.globalSubtopology(this.options.appId);
    if (global === null) return;
    const stores = buildTaskStores(global);
    const manager = new GlobalStateManager(global, stores, { appId: this.options.appId });
    this.globalStores = stores;
    this.globalTail = await tailTopics(this.kafka, global.sourceTopics, (topic, partition, message) =>
      manager.process(
        topic,
        partition,
        Number(message.offset),
        message.key,
        message.value,
        Number(message.timestamp),
        {},
      ),
    );
    await this.globalTail.caughtUp;
    this.context.clients.log.info({ stores: [...stores.keys()] }, 'global stores bootstrapped');
  }

  private async startConsumer(): Promise<void> {
    const exactlyOnce = this.options.guarantee === 'exactly_once';
    if (!exactlyOnce && this.sharedProducer === null) {
      this.sharedProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.sharedProducer.connect();
    }
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      readUncommitted: false,
      partitionAssigners: [
        taskPartitionAssigner({ subtopologies: this.subtopologies, currentTaskIds: () => [...this.tasks.keys()] }),
      ],
      // A killed instance holds its tasks until its session times out.
      sessionTimeout: Number(process.env.STREAMS_SESSION_TIMEOUT_MS ?? 10_000),
      heartbeatInterval: Number(process.env.STREAMS_HEARTBEAT_INTERVAL_MS ?? 1_000),
      retry: { retries: 5 },
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => void this.onAssignment(payload.memberAssignment));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) void this.restart(payload.error);
    });
    this.consumer = consumer;
    await consumer.connect();
    const topics = [...new Set(this.subtopologies.flatMap((sub) => sub.sourceTopics))];
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.max(1, Math.min(this.taskSpecs.size, 12)),
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Closes tasks this instance lost; new ones are opened lazily on their first batch. */
  private async onAssignment(memberAssignment: Record<string, number[]>): Promise<void> {
    // Synchronously, before any batch of the new generation: every input re-checks the committed offset.
    this.generation += 1;
    this.context.metrics.inc('streams_rebalances_total');
    const assigned = new Map<string, TaskSpec>();
    for (const spec of this.taskSpecs.values()) {
      const partitions = memberAssignment[spec.topics[0]!] ?? [];
      if (partitions.includes(spec.partition)) assigned.set(spec.id, spec);
    }
    this.assigned = assigned;
    for (const [taskId, runtime] of this.tasks) {
      if (assigned.has(taskId)) continue;
      this.tasks.delete(taskId);
      // Best effort: a commit after losing the task is either fenced by the new
      // owner or lands before the new owner reads the changelog — both are exact.
      await runtime.withLock(async () => {
        await runtime.commit((offsets) => this.commitOffsets(offsets)).catch(() => {});
        await runtime.close();
      });
    }
    this.context.metrics.set('streams_assigned_tasks', {}, assigned.size);
    // Restore every new task now, so /readyz turns green only once state is back.
    this.context.setReady(false);
    for (const spec of assigned.values()) {
      if (this.assigned !== assigned || this.stopping) return;
      // taskFor returns a task a batch already created without waiting for its restore; the lock does.
      const runtime = await this.taskFor(spec.topics[0]!, spec.partition).catch((error) => {
        void this.restart(error);
        return null;
      });
      await runtime?.withLock(async () => {});
    }
    if (this.assigned === assigned) this.context.setReady(true);
  }

  private async taskFor(topic: string, partition: number): Promise<TaskRuntime> {
    const spec = [...this.taskSpecs.values()].find(
      (task) => task.partition === partition && task.topics.includes(topic),
    );
    if (!spec) throw new Error(`no task reads ${topic}-${partition}`);
    const existing = this.tasks.get(spec.id);
    if (existing) return existing;
    const subtopology = this.subtopologies.find((sub) => sub.id === spec.subtopologyId)!;
    const runtime = new TaskRuntime(spec, subtopology, {
      appId: this.options.appId,
      groupId: this.groupId,
      kafka: this.kafka,
      exactlyOnce: this.options.guarantee === 'exactly_once',
      sharedProducer: this.sharedProducer,
      globalStores: this.globalStores,
      viewTopic: (view) => viewTopicName(this.options.appId, view.name),
      dlqTopic: dlqTopicName(this.options.appId),
      failuresTopic: viewTopicName(this.options.appId, COMMAND_FAILURES_VIEW),
      onRestore: (taskId, records) => {
        this.context.metrics.set('streams_restored_records', { task: taskId }, records);
        this.context.clients.log.info({ task: taskId, records }, 'task restored from changelog');
      },
    });
    this.tasks.set(spec.id, runtime);
    await runtime.withLock(() => runtime.open());
    return runtime;
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || this.stopping || this.restarting) return;
    const runtime = await this.taskFor(batch.topic, batch.partition);
    const input = `${batch.topic}:${batch.partition}`;
    await runtime
      .withLock(async () => {
        // The task's state covers every offset below nextOffset (committed or about
        // to be). A rebalance rewinds fetching to the committed offset, and a batch
        // fetched before the rewind can still arrive after it, so records below
        // nextOffset are always skipped. Once per group generation the committed
        // offset is read again: if it is beyond nextOffset, another instance owned
        // the partition meanwhile (we were a zombie) and this state is stale, so
        // the instance restarts and restores. A new task starts from the committed
        // offset read after its producer fenced the previous owner.
        if (runtime.checkedGeneration.get(input) !== this.generation) {
          const committed = await this.committedOffset(batch.topic, batch.partition);
          const known = runtime.nextOffsets.get(input);
          if (known !== undefined && committed > known) {
            throw new Error(
              `task ${runtime.spec.id} is stale: ${input} was committed to ${committed} by another owner`,
            );
          }
          if (known === undefined) runtime.nextOffsets.set(input, committed);
          runtime.checkedGeneration.set(input, this.generation);
        }
        const next = runtime.nextOffsets.get(input)!;
        const messages = batch.messages.filter((message) => BigInt(message.offset) >= next);
        if (messages.length > 0) runtime.nextOffsets.set(input, BigInt(messages[messages.length - 1]!.offset) + 1n);
        const startedMs = performance.now();
        await runtime.process(
          batch.topic,
          messages,
          (letter) => {
            this.context.metrics.inc('streams_dlq_records_total');
            const { topic, partition, offset } = letter.source;
            this.context.clients.log.warn({ topic, partition, offset, reason: letter.reason }, 'record dead-lettered');
          },
          this.options.processingErrors,
        );
        this.context.metrics.observe('streams_process_seconds', {}, (performance.now() - startedMs) / 1000);
        this.context.metrics.inc('streams_records_in_total', { topic: batch.topic }, messages.length);
        this.context.metrics.set(
          'streams_consumer_lag',
          { topic: batch.topic, partition: batch.partition },
          Number(batch.offsetLag()),
        );
        payload.resolveOffset(batch.lastOffset());
        const due = Date.now() - runtime.lastCommitMs >= this.options.commitIntervalMs;
        if (due || runtime.bufferedRecords() > 10_000) await this.commitTask(runtime);
      })
      .catch((error) => {
        // Not awaited: the restart disconnects the consumer, which waits for this batch to return.
        void this.restart(error);
      });
    if (!this.restarting) await payload.heartbeat();
  }

  private async committedOffset(topic: string, partition: number): Promise<bigint> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchOffsets({ groupId: this.groupId, topics: [topic] });
      const entry = offsets[0]?.partitions.find((candidate) => candidate.partition === partition);
      return BigInt(entry?.offset ?? '-1');
    } finally {
      await admin.disconnect();
    }
  }

  private async commitTask(runtime: TaskRuntime): Promise<void> {
    const startedMs = performance.now();
    const produced = await runtime.commit((offsets) => this.commitOffsets(offsets));
    this.context.metrics.observe('streams_commit_seconds', {}, (performance.now() - startedMs) / 1000);
    this.context.metrics.inc('streams_commits_total');
    for (const [topic, count] of produced) this.context.metrics.inc('streams_records_out_total', { topic }, count);
    this.context.metrics.set('streams_last_commit_timestamp_seconds', {}, Date.now() / 1000);
    this.failures = 0;
  }

  private async commitOffsets(offsets: readonly { topic: string; partition: number; offset: number }[]): Promise<void> {
    await this.consumer?.commitOffsets(
      offsets.map((entry) => ({ topic: entry.topic, partition: entry.partition, offset: String(entry.offset) })),
    );
  }

  /**
   * Fires due wall-clock punctuators of every task (with or without new
   * input), then commits tasks whose interval elapsed while no new batch
   * arrived for them.
   */
  private async commitDue(): Promise<void> {
    if (this.stopping || this.restarting) return;
    for (const runtime of this.tasks.values()) {
      await runtime
        .withLock(async () => {
          if (!runtime.isOpen()) return;
          runtime.punctuateWallClock(Date.now());
          if (!runtime.dirty || Date.now() - runtime.lastCommitMs < this.options.commitIntervalMs) return;
          await this.commitTask(runtime);
        })
        .catch((error) => {
          void this.restart(error);
        });
    }
  }

  /** Drops every task uncommitted and rejoins: state is rebuilt from the changelogs. */
  private restart(error: unknown): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.restarting) return this.restarting;
    this.failures += 1;
    this.context.metrics.inc('streams_restarts_total');
    this.context.setReady(false);
    this.context.clients.log.error(
      { err: error, failures: this.failures },
      'processing failed; restarting from the last commit',
    );
    const backoffMs = Math.min(RESTART_BACKOFF_MAX_MS, 250 * 2 ** Math.min(this.failures, 6));
    this.restarting = (async () => {
      await this.consumer?.disconnect().catch(() => {});
      await this.closeTasks();
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      if (!this.stopping) await this.startConsumer();
    })()
      .catch((restartError) => {
        this.context.clients.log.error({ err: restartError }, 'restart failed; trying again');
        this.restarting = null;
        return this.restart(restartError);
      })
      .finally(() => {
        this.restarting = null;
      });
    return this.restarting;
  }

  private async closeTasks(): Promise<void> {
    const runtimes = [...this.tasks.values()];
    this.tasks.clear();
    for (const runtime of runtimes) await runtime.close();
  }

  /** Finish the batch in flight, commit every task, close, leave the group. */
  async stop(): Promise<void> {
    if (this.commitTimer) clearInterval(this.commitTimer);
    await this.restarting?.catch(() => {});
    this.stopping = true;
    await this.consumer?.stop().catch(() => {});
    for (const runtime of this.tasks.values()) {
      await runtime
        .withLock(() => runtime.commit((offsets) => this.commitOffsets(offsets)))
        .catch((error) => this.context.clients.log.warn({ err: error, task: runtime.spec.id }, 'final commit failed'));
    }
    await this.consumer?.disconnect().catch(() => {});
    await this.closeTasks();
    await this.sharedProducer?.disconnect().catch(() => {});
    await this.globalTail?.stop();
  }

  assignedTaskIds(): string[] {
    return [...this.assigned.keys()];
  }
}
