import { assert } from '../assert.ts';
import type { ProcessorSupplier } from '../processor/processor.ts';
import type { Serde } from '../serde/serde.ts';
import type { StoreBuilder } from '../state/store.ts';
import { describeTopology } from './describe.ts';
import { TopologyError } from './errors.ts';
import type { NodeDefinition, StreamPartitioner, ViewRef } from './nodes.ts';
import {
  buildSubtopology,
  components,
  GLOBAL_SUBTOPOLOGY_ID,
  type StoreConnection,
  type Subtopology,
  type TopologyGraph,
  validateGraph,
} from './subtopology.ts';

/** Far beyond any hand-written or DSL topology; guards generated-topology bugs. */
export const TOPOLOGY_NODES_MAX = 10_000;

interface MutableStoreConnection extends StoreConnection {
  readonly processors: string[];
}

/**
 * Processor API topology builder. Parents may be named before they are added
 * (so a miswired graph can even form a cycle); validate() — run by describe()
 * and subtopologies() — reports unknown parents, sink parents and cycles.
 */
export class Topology {
  private readonly nodes = new Map<string, NodeDefinition>();
  private readonly globalNodes = new Set<string>();
  private readonly stores = new Map<string, MutableStoreConnection>();
  private readonly sourceByTopic = new Map<string, string>();
  private readonly internalTopics = new Set<string>();

  addSource<K, V>(name: string, topics: string | readonly string[], keySerde: Serde<K>, valueSerde: Serde<V>): this {
    const topicList = typeof topics === 'string' ? [topics] : [...topics];
    if (topicList.length === 0) throw new TopologyError(`source ${name} has no topics`);
    if (this.nodes.has(name)) throw new TopologyError(`node ${name} is already added`);
    for (const topic of topicList) this.claimTopic(topic, name);
    return this.addNode({ kind: 'source', name, topics: topicList, keySerde, valueSerde });
  }

  addProcessor(name: string, supplier: ProcessorSupplier, ...parentNames: string[]): this {
    assert(typeof supplier === 'function', `processor ${name} needs a supplier function`);
    return this.addNode({ kind: 'processor', name, supplier, parents: parentNames });
  }

  addSink<K, V>(name: string, topic: string, keySerde: Serde<K>, valueSerde: Serde<V>, ...parentNames: string[]): this;
  addSink<K, V>(
    name: string,
    topic: string,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    ...parentsThenPartitioner: [...parentNames: string[], partitioner: StreamPartitioner<K, V>]
  ): this;
  addSink<K, V>(
    name: string,
    topic: string,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    ...rest: Array<string | StreamPartitioner<K, V>>
  ): this {
    if (topic.length === 0) throw new TopologyError(`sink ${name} has an empty topic`);
    const last = rest[rest.length - 1];
    const partitioner = typeof last === 'function' ? (last as StreamPartitioner) : null;
    const parents = rest.filter((item): item is string => typeof item === 'string');
    assert(parents.length === rest.length - (partitioner === null ? 0 : 1), `sink ${name}: partitioner must be last`);
    return this.addNode({ kind: 'sink', name, topic, keySerde, valueSerde, partitioner, parents });
  }

  /** A sink whose records go to the task's ViewCollector (PostgreSQL or Redis in the runtime). */
  addViewSink(name: string, view: ViewRef, ...parentNames: string[]): this {
    if (view.name.length === 0) throw new TopologyError(`view sink ${name} has an empty view name`);
    return this.addNode({ kind: 'view-sink', name, view, parents: parentNames });
  }

  addStateStore(builder: StoreBuilder, ...processorNames: string[]): this {
    if (this.stores.has(builder.name)) throw new TopologyError(`store ${builder.name} is already added`);
    this.stores.set(builder.name, { builder, processors: [], global: false });
    return this.connectProcessorAndStateStores(builder.name, processorNames);
  }

  connectProcessorAndStateStores(storeName: string, processorNames: readonly string[]): this {
    const connection = this.stores.get(storeName);
    if (connection === undefined) throw new TopologyError(`store ${storeName} is not added`);
    if (connection.global)
      throw new TopologyError(`global store ${storeName} is readable everywhere; do not connect it`);
    for (const name of processorNames) if (!connection.processors.includes(name)) connection.processors.push(name);
    return this;
  }

  /**
   * A store fed from every partition of `topic` and readable from every task.
   * Its source topic is its changelog, so the builder must not log.
   */
  addGlobalStore<K, V>(
    builder: StoreBuilder,
    sourceName: string,
    topic: string,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    processorName: string,
    stateUpdateSupplier: ProcessorSupplier<K, V>,
  ): this {
    if (builder.loggingEnabled)
      throw new TopologyError(`global store ${builder.name} must not log: ${topic} is its log`);
    if (this.stores.has(builder.name)) throw new TopologyError(`store ${builder.name} is already added`);
    this.addSource(sourceName, [topic], keySerde, valueSerde);
    this.addProcessor(processorName, stateUpdateSupplier as ProcessorSupplier, sourceName);
    this.globalNodes.add(sourceName).add(processorName);
    this.stores.set(builder.name, { builder, processors: [processorName], global: true });
    return this;
  }

  /** Marks a topic as owned by the app: it resolves to `<appId>-<topic>`. */
  addInternalTopic(topic: string): this {
    this.internalTopics.add(topic);
    return this;
  }

  hasNode(name: string): boolean {
    return this.nodes.has(name);
  }

  hasStore(name: string): boolean {
    return this.stores.has(name);
  }

  validate(): void {
    validateGraph(this.graph());
  }

  subtopologies(appId: string): Subtopology[] {
    this.validate();
    const graph = this.graph();
    const regular = [...this.nodes.keys()].filter((name) => !this.globalNodes.has(name));
    return components(graph, regular).map((members, id) => buildSubtopology(id, graph, members, appId));
  }

  /** The global stores' nodes as one pseudo sub-topology, or null without global stores. */
  globalSubtopology(appId: string): Subtopology | null {
    this.validate();
    if (this.globalNodes.size === 0) return null;
    return buildSubtopology(GLOBAL_SUBTOPOLOGY_ID, this.graph(), [...this.globalNodes], appId);
  }

  describe(): string {
    const appId = '<appId>';
    const global = this.globalSubtopology(appId);
    return describeTopology(this.subtopologies(appId), global);
  }

  private graph(): TopologyGraph {
    return {
      nodes: this.nodes,
      globalNodes: this.globalNodes,
      stores: this.stores,
      internalTopics: this.internalTopics,
    };
  }

  private addNode(node: NodeDefinition): this {
    if (node.name.length === 0) throw new TopologyError(`a ${node.kind} needs a name`);
    if (this.nodes.has(node.name)) throw new TopologyError(`node ${node.name} is already added`);
    if (this.nodes.size >= TOPOLOGY_NODES_MAX) throw new TopologyError(`more than ${TOPOLOGY_NODES_MAX} nodes`);
    this.nodes.set(node.name, node);
    return this;
  }

  private claimTopic(topic: string, sourceName: string): void {
    if (topic.length === 0) throw new TopologyError(`source ${sourceName} has an empty topic name`);
    const owner = this.sourceByTopic.get(topic);
    if (owner !== undefined) throw new TopologyError(`topic ${topic} is already read by source ${owner}`);
    this.sourceByTopic.set(topic, sourceName);
  }
}
