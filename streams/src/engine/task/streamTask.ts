import { assert, assertTimestamp } from '../assert.ts';
import type {
  Cancellable,
  DropReason,
  Processor,
  ProcessorContext,
  PunctuationType,
  Punctuator,
} from '../processor/processor.ts';
import type { Headers, RecordMetadata, StreamRecord } from '../processor/record.ts';
import type { ChangeLogger, StateStore } from '../state/store.ts';
import type { SinkNode, TaskNode } from '../topology/nodes.ts';
import type { Subtopology } from '../topology/subtopology.ts';
import type { RecordCollector, ViewCollector } from './collectors.ts';
import { DeserializationError, ProcessingError } from './errors.ts';
import { PunctuationQueue } from './punctuation.ts';

/** Records waiting in one task's depth-first work stack; a flatMap fan-out bug trips this, not the heap. */
export const TASK_PENDING_RECORDS_MAX = 100_000;
/** Records one processor may forward from one process() or punctuate call. */
export const FORWARDS_PER_CALL_MAX = 10_000;
/** Stream time before the first record, as in Kafka Streams. */
export const STREAM_TIME_UNKNOWN = -1;

export interface StreamTaskOptions {
  readonly appId: string;
  /** Required when the sub-topology has view sinks. */
  readonly viewCollector?: ViewCollector;
  /** Global stores, readable by every processor. */
  readonly globalStores?: ReadonlyMap<string, StateStore>;
  /** Clock for currentSystemTimeMs() and wall-clock schedules; the test driver passes its mock. */
  readonly wallClockMs?: () => number;
  /** Stream time committed with the input offsets; keeps late-record decisions stable across restarts. */
  readonly streamTimeMs?: number;
  /** Set by GlobalStateManager only: reads any partition, logs nothing, has no sinks. */
  readonly global?: boolean;
}

export interface TaskMetrics {
  processed: number;
  punctuations: number;
  readonly dropped: { [reason in DropReason]: number };
}

/** What the runtime commits with the task's transaction. */
export interface TaskCommit {
  /** Next offset to consume per input partition (last processed + 1). */
  readonly offsets: readonly RecordMetadata[];
  /** Persist in the offset commit metadata; pass back as options.streamTimeMs on restart. */
  readonly streamTimeMs: number;
}

interface RuntimeNode {
  readonly def: TaskNode;
  readonly processor: Processor<unknown, unknown> | null;
  readonly children: RuntimeNode[];
}

interface Frame {
  readonly node: RuntimeNode;
  readonly record: StreamRecord<unknown, unknown>;
}

/** Parses "<subtopology>_<partition>". */
export function parseTaskId(taskId: string): { subtopologyId: number; partition: number } {
  const match = /^(-?\d+)_(\d+)$/.exec(taskId);
  assert(match !== null, `task id ${taskId} is not <subtopology>_<partition>`);
  return { subtopologyId: Number(match[1]), partition: Number(match[2]) };
}

/**
 * Runs one sub-topology for one partition number: every source topic's partition
 * `partition` feeds it. Single-threaded and synchronous; every output goes
 * through the collector, logger and view collector while process() runs, so the
 * runtime sees exactly what one input record caused.
 *
 * Forwarding is iterative: forward() queues, and once the processor returns its
 * records run depth-first from an explicit stack (no recursion through user code).
 */
export class StreamTask {
  readonly id: string;
  readonly partition: number;
  readonly subtopology: Subtopology;
  readonly metrics: TaskMetrics;
  private readonly options: StreamTaskOptions;
  private readonly collector: RecordCollector;
  private readonly stores: ReadonlyMap<string, StateStore>;
  private readonly nodes = new Map<string, RuntimeNode>();
  private readonly sourceByTopic = new Map<string, RuntimeNode>();
  private readonly consumed = new Map<string, RecordMetadata>();
  private readonly stack: Frame[] = [];
  private forwards: Frame[] = [];
  private readonly streamSchedules = new PunctuationQueue();
  private readonly wallClockSchedules = new PunctuationQueue();
  private currentNode: RuntimeNode | null = null;
  private currentSource: RecordMetadata | null = null;
  private failedNode: string | null = null;
  private streamTime: number;
  private state: 'running' | 'corrupted' | 'closed' = 'running';

  constructor(
    taskId: string,
    subtopology: Subtopology,
    stores: ReadonlyMap<string, StateStore>,
    collector: RecordCollector,
    changeLogger: ChangeLogger | null,
    options: StreamTaskOptions,
  ) {
    const { subtopologyId, partition } = parseTaskId(taskId);
    assert(subtopologyId === subtopology.id, `task ${taskId} given sub-topology ${subtopology.id}`);
    assert(options.appId.length > 0, 'appId must not be empty');
    this.id = taskId;
    this.partition = options.global === true ? -1 : partition;
    this.subtopology = subtopology;
    this.options = options;
    this.collector = collector;
    this.stores = stores;
    this.streamTime = options.streamTimeMs ?? STREAM_TIME_UNKNOWN;
    this.metrics = { processed: 0, punctuations: 0, dropped: emptyDrops() };
    this.initStores(changeLogger);
    this.buildNodes();
    this.initProcessors();
  }

  /** Largest record timestamp seen (STREAM_TIME_UNKNOWN before any). */
  streamTimeMs(): number {
    return this.streamTime;
  }

  /**
   * Processes one input record. Throws DeserializationError (task intact, offset
   * consumed: dead-letter and continue) or ProcessingError (task corrupted).
   */
  process(
    topic: string,
    partition: number,
    offset: number,
    key: Buffer | null,
    value: Buffer | null,
    timestampMs: number,
    headers: Headers,
  ): void {
    assert(this.state === 'running', `task ${this.id} is ${this.state}`);
    assert(this.options.global === true || partition === this.partition, `task ${this.id} got partition ${partition}`);
    assert(Number.isSafeInteger(offset) && offset >= 0, `offset ${offset} is not a non-negative integer`);
    const source = this.sourceByTopic.get(topic);
    assert(source !== undefined && source.def.kind === 'source', `task ${this.id} does not read topic ${topic}`);
    const metadata: RecordMetadata = { topic, partition, offset };
    this.consumed.set(`${topic}\u0000${partition}`, { topic, partition, offset: offset + 1 });
    // Kafka Streams' LogAndSkipOnInvalidTimestamp: such a record has no place in event time.
    if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) {
      this.metrics.dropped['invalid-timestamp']++;
      return;
    }
    let record: StreamRecord<unknown, unknown>;
    try {
      const keyObject = source.def.keySerde.deserialize(key);
      record = { key: keyObject, value: source.def.valueSerde.deserialize(value), timestamp: timestampMs, headers };
    } catch (error) {
      throw new DeserializationError(this.id, metadata, error);
    }
    this.streamTime = Math.max(this.streamTime, timestampMs);
    this.currentSource = metadata;
    this.guarded(() => this.runFrom(source, () => this.runNode(source, record)));
    this.currentSource = null;
    this.metrics.processed++;
    this.punctuate(this.streamSchedules, this.streamTime);
  }

  /** False once the task is closed, or corrupted by a failed record (the runtime then rebuilds it). */
  isRunning(): boolean {
    return this.state === 'running';
  }

  /**
   * Fires wall-clock punctuators due at `nowMs`; the runtime calls this from
   * its commit timer. Answers how many fired (what they wrote commits with the
   * task's next commit).
   */
  punctuateWallClock(nowMs: number): number {
    assert(this.state === 'running', `task ${this.id} is ${this.state}`);
    assertTimestamp(nowMs, 'wall clock');
    return this.punctuate(this.wallClockSchedules, nowMs);
  }

  /** Flushes stores; the runtime then commits outputs, changelog and these offsets in one transaction. */
  prepareCommit(): TaskCommit {
    assert(this.state === 'running', `task ${this.id} is ${this.state}: abort and rebuild, never commit`);
    for (const store of this.stores.values()) store.flush();
    return { offsets: [...this.consumed.values()], streamTimeMs: this.streamTime };
  }

  /** Closes processors (children last) and the task's stores. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const node of this.nodes.values()) node.processor?.close?.();
    for (const name of this.subtopology.stores) this.stores.get(name)!.close();
  }

  private initStores(changeLogger: ChangeLogger | null): void {
    for (const builder of this.subtopology.storeBuilders) {
      const store = this.stores.get(builder.name);
      assert(store !== undefined, `task ${this.id} is missing store ${builder.name}`);
      const logged = builder.loggingEnabled && this.options.global !== true;
      assert(!logged || changeLogger !== null, `store ${builder.name} logs but task ${this.id} has no change logger`);
      store.init({ changeLogger: logged ? changeLogger : null });
    }
  }

  private buildNodes(): void {
    for (const def of this.subtopology.nodes) {
      const processor = def.kind === 'processor' ? def.supplier() : null;
      assert(
        def.kind !== 'processor' || typeof processor?.process === 'function',
        `${def.name}: supplier gave no processor`,
      );
      assert(def.kind !== 'view-sink' || this.options.viewCollector !== undefined, `${def.name} needs a ViewCollector`);
      assert(def.kind !== 'sink' || this.options.global !== true, `global node ${def.name} cannot be a sink`);
      this.nodes.set(def.name, { def, processor, children: [] });
      if (def.kind === 'source')
        for (const topic of def.topics) this.sourceByTopic.set(topic, this.nodes.get(def.name)!);
    }
    for (const node of this.nodes.values()) {
      for (const child of node.def.children) node.children.push(this.nodes.get(child)!);
    }
  }

  private initProcessors(): void {
    for (const node of this.nodes.values()) {
      // currentNode stays null: init() may read stores and schedule, but forward() fails, no record flows yet.
      node.processor?.init?.(this.contextFor(node));
    }
  }

  private contextFor(node: RuntimeNode): ProcessorContext {
    return {
      appId: this.options.appId,
      taskId: this.id,
      partition: this.partition,
      forward: (record, childName) => this.forward(node, record, childName),
      getStateStore: <S extends StateStore>(name: string) => this.storeFor(node, name) as S,
      schedule: (intervalMs, type, punctuator) => this.schedule(node, intervalMs, type, punctuator),
      recordMetadata: () => this.currentSource,
      currentStreamTimeMs: () => this.streamTime,
      currentSystemTimeMs: () => this.systemTimeMs(),
      recordDropped: (reason) => {
        this.metrics.dropped[reason]++;
      },
    };
  }

  private forward(node: RuntimeNode, record: StreamRecord<unknown, unknown>, childName?: string): void {
    assert(this.currentNode === node, `${node.def.name} forwarded outside its own process() or punctuator`);
    assert(record.key !== undefined && record.value !== undefined, `${node.def.name} forwarded undefined; use null`);
    assertTimestamp(record.timestamp, `record forwarded by ${node.def.name}`);
    assert(this.forwards.length < FORWARDS_PER_CALL_MAX, `${node.def.name} forwarded over ${FORWARDS_PER_CALL_MAX}`);
    if (childName === undefined) {
      for (const child of node.children) this.forwards.push({ node: child, record });
      return;
    }
    const child = node.children.find((candidate) => candidate.def.name === childName);
    assert(child !== undefined, `${node.def.name} has no child named ${childName}`);
    this.forwards.push({ node: child, record });
  }

  private storeFor(node: RuntimeNode, name: string): StateStore {
    const global = this.options.globalStores?.get(name);
    if (global !== undefined) return global;
    assert(node.def.stores.includes(name), `processor ${node.def.name} is not connected to store ${name}`);
    return this.stores.get(name)!;
  }

  private schedule(node: RuntimeNode, intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    assert(node.processor !== null, 'only processors schedule');
    // Stream time aligns to 0 and fires on the next record; wall-clock time starts now.
    if (type === 'stream-time') return this.streamSchedules.add(node.def.name, 0, intervalMs, punctuator);
    return this.wallClockSchedules.add(node.def.name, this.systemTimeMs() + intervalMs, intervalMs, punctuator);
  }

  private systemTimeMs(): number {
    return this.options.wallClockMs?.() ?? Date.now();
  }

  private punctuate(queue: PunctuationQueue, nowMs: number): number {
    let fired = 0;
    for (const schedule of queue.due(nowMs)) {
      if (schedule.cancelled) continue;
      const node = this.nodes.get(schedule.node)!;
      this.metrics.punctuations++;
      fired += 1;
      this.guarded(() => this.runFrom(node, () => schedule.punctuator(nowMs)));
    }
    return fired;
  }

  /** Runs `body` as `node`, then every record it forwarded, depth-first, until the stack is empty. */
  private runFrom(node: RuntimeNode, body: () => void): void {
    this.invoke(node, body);
    while (this.stack.length > 0) {
      const frame = this.stack.pop()!;
      this.invoke(frame.node, () => this.runNode(frame.node, frame.record));
    }
  }

  private invoke(node: RuntimeNode, body: () => void): void {
    assert(this.currentNode === null, 'nested invoke');
    this.currentNode = node;
    try {
      body();
    } catch (error) {
      this.failedNode = node.def.name;
      throw error;
    } finally {
      this.currentNode = null;
    }
    const forwards = this.forwards;
    this.forwards = [];
    assert(this.stack.length + forwards.length <= TASK_PENDING_RECORDS_MAX, `task ${this.id} work stack overflow`);
    // Reversed onto a LIFO stack, so the first forward (and its whole subtree) runs first.
    for (let index = forwards.length - 1; index >= 0; index--) this.stack.push(forwards[index]!);
  }

  private runNode(node: RuntimeNode, record: StreamRecord<unknown, unknown>): void {
    const def = node.def;
    if (def.kind === 'source') for (const child of node.children) this.forwards.push({ node: child, record });
    else if (def.kind === 'processor') node.processor!.process(record);
    else if (def.kind === 'sink') this.send(def, record);
    else this.options.viewCollector!.write(def.view, record.key, record.value, record.timestamp, this.currentSource);
  }

  private send(def: SinkNode & TaskNode, record: StreamRecord<unknown, unknown>): void {
    const key = record.key === null ? null : def.keySerde.serialize(record.key);
    const value = record.value === null ? null : def.valueSerde.serialize(record.value);
    if (def.partitioner === null) {
      this.collector.send(def.topic, key, value, record.headers, record.timestamp);
      return;
    }
    const count = this.collector.partitionsFor?.(def.topic);
    assert(
      count !== undefined && count > 0,
      `sink ${def.name} has a partitioner but the collector knows no partitions`,
    );
    const partition = def.partitioner(record.key, record.value, count);
    assert(Number.isInteger(partition) && partition >= 0 && partition < count, `partitioner gave ${partition}`);
    this.collector.send(def.topic, key, value, record.headers, record.timestamp, partition);
  }

  /** Any throw mid-graph leaves partial effects behind: mark corrupted and wrap. */
  private guarded(body: () => void): void {
    try {
      body();
    } catch (error) {
      this.state = 'corrupted';
      const node = this.failedNode;
      this.stack.length = 0;
      this.forwards = [];
      this.currentNode = null;
      throw new ProcessingError(this.id, node, this.currentSource, error);
    }
  }
}

function emptyDrops(): TaskMetrics['dropped'] {
  return { 'late-record': 0, 'null-key': 0, 'null-value': 0, 'invalid-timestamp': 0 };
}
