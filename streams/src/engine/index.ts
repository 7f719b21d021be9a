// Public API of the broker-free stream processing engine. See README.md for the layers
// and the contract the Kafka runtime must honour.

export { AssertionError } from './assert.ts';
export type { BranchedKStream } from './dsl/branched.ts';
export type { Named } from './dsl/internalBuilder.ts';
export type { KGroupedStream } from './dsl/kgroupedStream.ts';
export { KStream } from './dsl/kstream.ts';
export { KTable, type ValueGetter } from './dsl/ktable.ts';
export type {
  Consumed,
  Grouped,
  Materialized,
  Produced,
  Repartitioned,
  StreamJoined,
  TableConsumed,
} from './dsl/options.ts';
export type { SessionWindowedKStream } from './dsl/sessionWindowedKStream.ts';
export { GlobalKTable } from './dsl/streamJoins.ts';
export { StreamsBuilder } from './dsl/streamsBuilder.ts';
export type { TimeWindowedKStream, WindowedMaterialized } from './dsl/timeWindowedKStream.ts';
export { type EmitStrategy, JoinWindows, SessionWindows, TimeWindows } from './dsl/windows.ts';
export type {
  Cancellable,
  DropReason,
  Processor,
  ProcessorContext,
  ProcessorSupplier,
  PunctuationType,
  Punctuator,
} from './processor/processor.ts';
export type { Headers, KeyValue, Record, RecordMetadata, StreamRecord } from './processor/record.ts';
export { JSON_RECORD_BYTES_MAX, jsonSerde, zodSerde } from './serde/json.ts';
export { bigintSerde, bytesSerde, decimalSerde, numberSerde, stringSerde } from './serde/primitive.ts';
export { nullableSerde, type Serde, SerdeError } from './serde/serde.ts';
export { type TimeWindow, type Windowed, windowedSerde } from './serde/windowed.ts';
export {
  InMemoryKeyValueStore,
  KEY_VALUE_STORE_ENTRIES_MAX,
  type KeyValueStore,
  keyValueStoreBuilder,
  type ReadOnlyKeyValueStore,
  type StoreOptions,
} from './state/keyValueStore.ts';
export {
  InMemorySessionStore,
  type ReadOnlySessionStore,
  type SessionStore,
  type SessionValue,
  sessionStoreBuilder,
} from './state/sessionStore.ts';
export {
  type ChangeLogger,
  type ChangelogEntry,
  changelogTopicName,
  repartitionTopicName,
  type StateStore,
  type StateStoreContext,
  type StoreBuilder,
  type StoreChange,
} from './state/store.ts';
export { WINDOW_STORE_SEGMENTS_MAX } from './state/timeSegments.ts';
export {
  InMemoryWindowStore,
  type ReadOnlyWindowStore,
  type WindowStore,
  type WindowStoreOptions,
  windowStoreBuilder,
} from './state/windowStore.ts';
export type { RecordCollector, ViewCollector } from './task/collectors.ts';
export { DeserializationError, ProcessingError } from './task/errors.ts';
export { GlobalStateManager } from './task/globalStateManager.ts';
export { buildTaskStores } from './task/stores.ts';
export {
  parseTaskId,
  STREAM_TIME_UNKNOWN,
  StreamTask,
  type StreamTaskOptions,
  type TaskCommit,
  type TaskMetrics,
} from './task/streamTask.ts';
export type { ChangelogRecord, DeadLetter, ViewRecord } from './testing/driverRecords.ts';
export { SeededRandom } from './testing/random.ts';
export type { InputRecord, TestInputTopic, TestOutputTopic, TestRecord } from './testing/testTopics.ts';
export { TopologyTestDriver, type TopologyTestDriverOptions } from './testing/topologyTestDriver.ts';
export { TopologyError } from './topology/errors.ts';
export type { StreamPartitioner, TaskNode, ViewBackend, ViewRef } from './topology/nodes.ts';
export { defaultPartition, murmur2, resolvePartitionCounts } from './topology/partitions.ts';
export { GLOBAL_SUBTOPOLOGY_ID, type Subtopology } from './topology/subtopology.ts';
export { Topology } from './topology/topology.ts';
