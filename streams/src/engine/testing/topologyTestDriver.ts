import { assert, assertTimestamp } from '../assert.ts';
import type { DropReason } from '../processor/processor.ts';
import type { Headers, RecordMetadata } from '../processor/record.ts';
import type { Serde } from '../serde/serde.ts';
import type { ReadOnlyKeyValueStore } from '../state/keyValueStore.ts';
import type { ReadOnlySessionStore } from '../state/sessionStore.ts';
import { type ChangelogEntry, changelogTopicName, type StateStore, type StoreChange } from '../state/store.ts';
import type { ReadOnlyWindowStore } from '../state/windowStore.ts';
import { DeserializationError } from '../task/errors.ts';
import { GlobalStateManager } from '../task/globalStateManager.ts';
import { buildTaskStores } from '../task/stores.ts';
import { StreamTask } from '../task/streamTask.ts';
import type { ViewRef } from '../topology/nodes.ts';
import { defaultPartition, resolvePartitionCounts } from '../topology/partitions.ts';
import type { Subtopology } from '../topology/subtopology.ts';
import type { Topology } from '../topology/topology.ts';
import { compositeKeyValueStore, compositeSessionStore, compositeWindowStore } from './compositeStores.ts';
import { type ChangelogRecord, compact, type DeadLetter, type ViewRecord } from './driverRecords.ts';
import { type RawRecord, TestInputTopic, TestOutputTopic, type TopicDriver } from './testTopics.ts';

/** Records one input may cascade into through internal topics before we call it a loop. */
export const DRIVER_CASCADE_RECORDS_MAX = 1_000_000;

export interface TopologyTestDriverOptions {
  readonly appId?: string;
  readonly initialWallClockMs?: number;
  /** Partitions per topic (resolved names); unnamed topics have one. Each input partition is its own task. */
  readonly partitions?: { readonly [topic: string]: number };
  /** 'throw' (default) rethrows DeserializationError; 'dead-letter' records it and carries on, like the runtime. */
  readonly onDeserializationError?: 'throw' | 'dead-letter';
}

interface ProducedRecord extends RawRecord {
  readonly topic: string;
  readonly offset: number;
}

interface TaskSlot {
  readonly id: string;
  readonly subtopology: Subtopology;
  readonly partition: number;
  task: StreamTask;
  stores: Map<string, StateStore>;
}

/** Effects of one input (and its cascade) until it commits; a throw discards them, as an aborted transaction. */
interface Transaction {
  readonly outputs: ProducedRecord[];
  readonly changelog: ChangelogRecord[];
  readonly views: ViewRecord[];
  readonly globalInputs: ProducedRecord[];
  readonly deadLetters: DeadLetter[];
}

/**
 * Runs a Topology with the production StreamTask, one task per sub-topology and
 * input partition, routing records written to topics the topology reads
 * (repartition topics) back into the right task by key hash, as Kafka would.
 * Each piped input commits atomically with everything it caused; a throw rolls
 * back to the last commit (state rebuilt from the committed changelog).
 */
export class TopologyTestDriver implements TopicDriver {
  readonly appId: string;
  private wallClockMs: number;
  private readonly options: TopologyTestDriverOptions;
  private readonly subtopologies: Subtopology[];
  private readonly global: Subtopology | null;
  private readonly partitionCounts: Map<string, number>;
  private readonly readers = new Map<string, Subtopology>();
  private readonly slots = new Map<string, TaskSlot>();
  private globalManager: GlobalStateManager | null = null;
  private readonly nextOffsets = new Map<string, number>();
  private readonly outputQueues = new Map<string, { records: ProducedRecord[]; read: number }>();
  private readonly changelog: ChangelogRecord[] = [];
  private readonly views: ViewRecord[] = [];
  private readonly globalLog: ProducedRecord[] = [];
  private readonly deadLetterLog: DeadLetter[] = [];
  private readonly sharedGlobalStores = new Map<string, StateStore>();
  private readonly committedStreamTimes = new Map<string, number>();
  private readonly retiredDrops = new Map<DropReason, number>();
  private roundRobin = 0;
  private transaction: Transaction | null = null;
  private pending: ProducedRecord[] = [];

  constructor(topology: Topology, options: TopologyTestDriverOptions = {}) {
    this.options = options;
    this.appId = options.appId ?? 'test-app';
    this.wallClockMs = options.initialWallClockMs ?? 0;
    assertTimestamp(this.wallClockMs, 'initial wall clock');
    this.subtopologies = topology.subtopologies(this.appId);
    this.global = topology.globalSubtopology(this.appId);
    this.partitionCounts = resolvePartitionCounts(this.subtopologies, (topic) => options.partitions?.[topic] ?? 1);
    for (const sub of this.subtopologies) for (const topic of sub.sourceTopics) this.readers.set(topic, sub);
    // Global stores first: processors look them up in init().
    this.rebuildGlobal();
    for (const sub of this.subtopologies) {
      const count = this.partitionCount(sub.sourceTopics[0]!);
      for (let partition = 0; partition < count; partition++) this.addSlot(sub, partition);
    }
  }

  createInputTopic<K, V>(topic: string, keySerde: Serde<K>, valueSerde: Serde<V>): TestInputTopic<K, V> {
    assert(this.isRead(topic), `topic ${topic} is not read by the topology`);
    return new TestInputTopic(this, topic, keySerde, valueSerde);
  }

  createOutputTopic<K, V>(topic: string, keySerde: Serde<K>, valueSerde: Serde<V>): TestOutputTopic<K, V> {
    return new TestOutputTopic(this, topic, keySerde, valueSerde);
  }

  getKeyValueStore<K, V>(name: string): ReadOnlyKeyValueStore<K, V> {
    return compositeKeyValueStore(this.instancesOf(name));
  }

  getWindowStore<K, V>(name: string): ReadOnlyWindowStore<K, V> {
    return compositeWindowStore(this.instancesOf(name));
  }

  getSessionStore<K, V>(name: string): ReadOnlySessionStore<K, V> {
    return compositeSessionStore(this.instancesOf(name));
  }

  /** Moves the mock wall clock and fires due wall-clock punctuators in every task. */
  advanceWallClockTime(advanceMs: number): void {
    assert(Number.isSafeInteger(advanceMs) && advanceMs >= 0, `cannot advance the clock by ${advanceMs}`);
    this.wallClockMs += advanceMs;
    this.inTransaction(() => {
      for (const slot of this.slots.values()) {
        slot.task.punctuateWallClock(this.wallClockMs);
        this.drain();
      }
    });
  }

  currentWallClockMs(): number {
    return this.wallClockMs;
  }

  /** Committed changelog records, optionally of one store, in produce order. */
  changelogRecords(store?: string): ChangelogRecord[] {
    return this.changelog.filter((record) => store === undefined || record.store === store);
  }

  /** Committed view writes of one view, in order. */
  viewRecords(view: string): ViewRecord[] {
    return this.views.filter((record) => record.view.name === view);
  }

  /** A view's final rows keyed by JSON of the key; null values deleted them. */
  viewState(view: string): Map<string, unknown> {
    const rows = new Map<string, unknown>();
    for (const record of this.viewRecords(view)) {
      const key = JSON.stringify(record.key);
      if (record.value === null) rows.delete(key);
      else rows.set(key, record.value);
    }
    return rows;
  }

  deadLetters(): DeadLetter[] {
    return [...this.deadLetterLog];
  }

  /** Every task store's snapshot, keyed `<taskId>/<store>`: equal snapshots mean equal state. */
  storeSnapshots(): Map<string, ChangelogEntry[]> {
    const snapshots = new Map<string, ChangelogEntry[]>();
    for (const slot of this.slots.values()) {
      for (const [name, store] of slot.stores) snapshots.set(`${slot.id}/${name}`, store.snapshot());
    }
    return snapshots;
  }

  taskIds(): string[] {
    return [...this.slots.keys()];
  }

  droppedRecords(reason: DropReason): number {
    let total = this.retiredDrops.get(reason) ?? 0;
    for (const slot of this.slots.values()) total += slot.task.metrics.dropped[reason];
    return total;
  }

  /**
   * Simulates a crash of every task: state is dropped without close(), stores
   * are rebuilt from the committed changelog (last value per key only when
   * `compacted`), and tasks restart with their committed stream time.
   */
  crashAndRestore(options: { compacted?: boolean } = {}): void {
    assert(this.transaction === null, 'crash inside a transaction');
    this.rebuildGlobal();
    for (const slot of this.slots.values()) {
      this.retire(slot.task);
      slot.stores = buildTaskStores(slot.subtopology);
      for (const builder of slot.subtopology.storeBuilders) {
        if (!builder.loggingEnabled) continue;
        const records = this.changelog.filter((r) => r.store === builder.name && r.partition === slot.partition);
        slot.stores.get(builder.name)!.restore(options.compacted === true ? compact(records) : records);
      }
      slot.task = this.newTask(slot);
    }
  }

  close(): void {
    for (const slot of this.slots.values()) slot.task.close();
    this.globalManager?.close();
  }

  pipeRaw(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    timestampMs: number | undefined,
    headers: Headers,
    partition: number | undefined,
  ): void {
    assert(this.isRead(topic), `topic ${topic} is not read by the topology`);
    this.inTransaction(() => {
      const record = this.append(topic, key, value, headers, timestampMs ?? this.wallClockMs, partition);
      this.pending.push(record);
      this.drain();
    });
  }

  readRaw(topic: string): RawRecord | undefined {
    const queue = this.outputQueues.get(topic);
    if (queue === undefined || queue.read === queue.records.length) return undefined;
    return queue.records[queue.read++];
  }

  queueSize(topic: string): number {
    const queue = this.outputQueues.get(topic);
    return queue === undefined ? 0 : queue.records.length - queue.read;
  }

  private inTransaction(body: () => void): void {
    assert(this.transaction === null, 'nested transaction');
    const transaction: Transaction = { outputs: [], changelog: [], views: [], globalInputs: [], deadLetters: [] };
    this.transaction = transaction;
    try {
      body();
    } catch (error) {
      this.transaction = null;
      this.pending = [];
      this.crashAndRestore();
      throw error;
    }
    this.transaction = null;
    this.commit(transaction);
  }

  private commit(transaction: Transaction): void {
    for (const record of transaction.outputs) {
      const queue = this.outputQueues.get(record.topic) ?? { records: [], read: 0 };
      queue.records.push(record);
      this.outputQueues.set(record.topic, queue);
    }
    this.changelog.push(...transaction.changelog);
    this.views.push(...transaction.views);
    this.globalLog.push(...transaction.globalInputs);
    this.deadLetterLog.push(...transaction.deadLetters);
    for (const slot of this.slots.values())
      this.committedStreamTimes.set(slot.id, slot.task.prepareCommit().streamTimeMs);
  }

  /** FIFO over every record the current input caused; each goes to the task owning its partition. */
  private drain(): void {
    for (let index = 0; index < this.pending.length; index++) {
      assert(index < DRIVER_CASCADE_RECORDS_MAX, `one input caused over ${DRIVER_CASCADE_RECORDS_MAX} records`);
      const record = this.pending[index]!;
      try {
        this.deliver(record);
      } catch (error) {
        if (!(error instanceof DeserializationError) || this.options.onDeserializationError !== 'dead-letter')
          throw error;
        this.transaction!.deadLetters.push({ source: error.source, reason: error.reason });
      }
    }
    this.pending = [];
  }

  private deliver(record: ProducedRecord): void {
    const { topic, partition, offset, key, value, timestampMs, headers } = record;
    if (this.global?.sourceTopics.includes(topic) === true) {
      this.transaction!.globalInputs.push(record);
      this.globalManager!.process(topic, partition, offset, key, value, timestampMs, headers);
      return;
    }
    const sub = this.readers.get(topic)!;
    const slot = this.slots.get(`${sub.id}_${partition}`);
    assert(slot !== undefined, `no task for ${topic}-${partition}`);
    slot.task.process(topic, partition, offset, key, value, timestampMs, headers);
  }

  /** Appends to a topic-partition like a producer: explicit partition, murmur2 of the key, or round robin. */
  private append(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    headers: Headers,
    timestampMs: number,
    partition: number | undefined,
  ): ProducedRecord {
    const count = this.partitionCount(topic);
    const chosen = partition ?? (key === null ? this.roundRobin++ % count : defaultPartition(key, count));
    assert(Number.isInteger(chosen) && chosen >= 0 && chosen < count, `partition ${chosen} of ${topic} (${count})`);
    const offsetKey = `${topic}\u0000${chosen}`;
    const offset = this.nextOffsets.get(offsetKey) ?? 0;
    this.nextOffsets.set(offsetKey, offset + 1);
    return { topic, partition: chosen, offset, key, value, headers, timestampMs };
  }

  private addSlot(subtopology: Subtopology, partition: number): void {
    const id = `${subtopology.id}_${partition}`;
    const stores = buildTaskStores(subtopology);
    const slot = { id, subtopology, partition, stores } as TaskSlot;
    slot.task = this.newTask(slot);
    this.slots.set(id, slot);
  }

  private newTask(slot: TaskSlot): StreamTask {
    const streamTimeMs = this.committedStreamTimes.get(slot.id);
    const collector = {
      send: (topic: string, key: Buffer | null, value: Buffer | null, headers: Headers, ts: number, p?: number) => {
        const record = this.append(topic, key, value, headers, ts, p);
        this.transaction!.outputs.push(record);
        if (this.isRead(topic)) this.pending.push(record);
      },
      partitionsFor: (topic: string) => this.partitionCount(topic),
    };
    const changeLogger = {
      append: (change: StoreChange) => {
        const topic = changelogTopicName(this.appId, change.store);
        this.transaction!.changelog.push({ ...change, topic, partition: slot.partition });
      },
    };
    const viewCollector = {
      write: (view: ViewRef, key: unknown, value: unknown, timestampMs: number, source: RecordMetadata | null) => {
        this.transaction!.views.push({ view, key, value, timestampMs, source });
      },
    };
    return new StreamTask(slot.id, slot.subtopology, slot.stores, collector, changeLogger, {
      appId: this.appId,
      viewCollector,
      globalStores: this.sharedGlobalStores,
      wallClockMs: () => this.wallClockMs,
      ...(streamTimeMs === undefined ? {} : { streamTimeMs }),
    });
  }

  /** Global stores are rebuilt by replaying their topics, as the runtime does on start. */
  private rebuildGlobal(): void {
    if (this.global === null) return;
    this.globalManager?.close();
    const stores = buildTaskStores(this.global);
    this.globalManager = new GlobalStateManager(this.global, stores, { appId: this.appId });
    for (const r of this.globalLog) {
      this.globalManager.process(r.topic, r.partition, r.offset, r.key, r.value, r.timestampMs, r.headers);
    }
    // Tasks hold the map given at construction; refill it in place so they see the new instances.
    this.sharedGlobalStores.clear();
    for (const [name, store] of stores) this.sharedGlobalStores.set(name, store);
  }

  private retire(task: StreamTask): void {
    for (const [reason, count] of Object.entries(task.metrics.dropped) as Array<[DropReason, number]>) {
      this.retiredDrops.set(reason, (this.retiredDrops.get(reason) ?? 0) + count);
    }
  }

  private instancesOf(name: string): () => StateStore[] {
    const owner = this.subtopologies.find((sub) => sub.stores.includes(name));
    const global = this.global?.stores.includes(name) === true;
    assert(owner !== undefined || global, `no store named ${name}`);
    if (owner === undefined) return () => [this.sharedGlobalStores.get(name)!];
    return () => [...this.slots.values()].filter((slot) => slot.subtopology === owner).map((s) => s.stores.get(name)!);
  }

  private partitionCount(topic: string): number {
    return this.partitionCounts.get(topic) ?? this.options.partitions?.[topic] ?? 1;
  }

  private isRead(topic: string): boolean {
    return this.readers.has(topic) || this.global?.sourceTopics.includes(topic) === true;
  }
}
