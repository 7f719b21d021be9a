import type { Headers, RecordMetadata } from '../processor/record.ts';
import type { ViewRef } from '../topology/nodes.ts';

/**
 * Where sinks send serialized records. The runtime buffers them into the task's
 * Kafka transaction; `partition` is set only when a sink has a custom partitioner,
 * otherwise the producer's default (murmur2 of the key bytes) applies.
 */
export interface RecordCollector {
  send(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    headers: Headers,
    timestampMs: number,
    partition?: number,
  ): void;
  /** Partition count of an output topic; required only by sinks with a custom partitioner. */
  partitionsFor?(topic: string): number;
}

/**
 * Where view sinks write deserialized records (null value = delete). `source` is
 * the input record that caused the write (null inside punctuators); the runtime
 * stores it with the view row to make the write idempotent across replays.
 */
export interface ViewCollector {
  write(view: ViewRef, key: unknown, value: unknown, timestampMs: number, source: RecordMetadata | null): void;
}
