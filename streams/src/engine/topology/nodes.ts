import type { ProcessorSupplier } from '../processor/processor.ts';
import type { Serde } from '../serde/serde.ts';

export type ViewBackend = 'postgres' | 'redis';

/** A materialized view outside Kafka that a view sink feeds; the runtime implements the backend. */
export interface ViewRef {
  readonly name: string;
  readonly backend: ViewBackend;
}

/** Picks the output partition; without one the producer's default (murmur2 of the key) applies. */
export type StreamPartitioner<K = unknown, V = unknown> = (key: K, value: V, partitionCount: number) => number;

export interface SourceNode {
  readonly kind: 'source';
  readonly name: string;
  readonly topics: readonly string[];
  readonly keySerde: Serde<unknown>;
  readonly valueSerde: Serde<unknown>;
}

export interface ProcessorNode {
  readonly kind: 'processor';
  readonly name: string;
  readonly supplier: ProcessorSupplier;
  readonly parents: readonly string[];
}

export interface SinkNode {
  readonly kind: 'sink';
  readonly name: string;
  readonly topic: string;
  readonly keySerde: Serde<unknown>;
  readonly valueSerde: Serde<unknown>;
  readonly partitioner: StreamPartitioner | null;
  readonly parents: readonly string[];
}

/** Hands records to the ViewCollector instead of a topic; null values mean delete. */
export interface ViewSinkNode {
  readonly kind: 'view-sink';
  readonly name: string;
  readonly view: ViewRef;
  readonly parents: readonly string[];
}

export type NodeDefinition = SourceNode | ProcessorNode | SinkNode | ViewSinkNode;

/** A node as a task runs it: topic names resolved for the app, children and stores attached. */
export type TaskNode = NodeDefinition & {
  readonly children: readonly string[];
  readonly stores: readonly string[];
};

export function nodeParents(node: NodeDefinition): readonly string[] {
  return node.kind === 'source' ? [] : node.parents;
}
