import { assert } from '../assert.ts';
import type { StoreBuilder } from '../state/store.ts';
import { changelogTopicName } from '../state/store.ts';
import { TopologyError } from './errors.ts';
import { type NodeDefinition, nodeParents, type TaskNode, type ViewRef } from './nodes.ts';

/** Id of the pseudo sub-topology holding global stores. */
export const GLOBAL_SUBTOPOLOGY_ID = -1;

/** What one task runs, with every topic name resolved for one application id. */
export interface Subtopology {
  readonly id: number;
  /** Parents before children. */
  readonly nodes: readonly TaskNode[];
  /** Every topic read, repartition topics included; all must be co-partitioned. */
  readonly sourceTopics: readonly string[];
  readonly sinkTopics: readonly string[];
  readonly repartitionSourceTopics: readonly string[];
  readonly repartitionSinkTopics: readonly string[];
  readonly stores: readonly string[];
  /** Changelog topics of the logged stores; partition i belongs to task `<id>_i`. */
  readonly changelogTopics: readonly string[];
  readonly storeBuilders: readonly StoreBuilder[];
  readonly views: readonly ViewRef[];
}

export interface StoreConnection {
  readonly builder: StoreBuilder;
  readonly processors: readonly string[];
  readonly global: boolean;
}

/** The builder's state, read-only, for validation and analysis. */
export interface TopologyGraph {
  readonly nodes: ReadonlyMap<string, NodeDefinition>;
  readonly globalNodes: ReadonlySet<string>;
  readonly stores: ReadonlyMap<string, StoreConnection>;
  readonly internalTopics: ReadonlySet<string>;
}

export function validateGraph(graph: TopologyGraph): void {
  for (const node of graph.nodes.values()) {
    const parents = nodeParents(node);
    if (node.kind !== 'source' && parents.length === 0)
      throw new TopologyError(`${node.kind} ${node.name} has no parent`);
    for (const parentName of parents) {
      const parent = graph.nodes.get(parentName);
      if (parent === undefined) throw new TopologyError(`${node.name} names unknown parent ${parentName}`);
      if (parent.kind === 'sink' || parent.kind === 'view-sink') {
        throw new TopologyError(
          `${node.name} cannot be a child of ${parent.kind} ${parentName}: sinks have no children`,
        );
      }
      if (graph.globalNodes.has(parentName) !== graph.globalNodes.has(node.name)) {
        throw new TopologyError(`${node.name} cannot be a child of ${parentName}: global store nodes stand alone`);
      }
    }
  }
  for (const [storeName, connection] of graph.stores) {
    for (const processorName of connection.processors) {
      const processor = graph.nodes.get(processorName);
      if (processor === undefined) throw new TopologyError(`store ${storeName} connects to unknown ${processorName}`);
      if (processor.kind !== 'processor') {
        throw new TopologyError(`store ${storeName} connects to ${processor.kind} ${processorName}, not a processor`);
      }
    }
  }
  topologicalOrder(graph.nodes);
}

/** Kahn's algorithm in insertion order; a cycle throws naming its nodes. */
export function topologicalOrder(nodes: ReadonlyMap<string, NodeDefinition>): string[] {
  const pending = new Map<string, number>();
  const children = childrenOf(nodes);
  for (const node of nodes.values()) pending.set(node.name, nodeParents(node).length);
  const ready = [...nodes.keys()].filter((name) => pending.get(name) === 0);
  const order: string[] = [];
  for (let index = 0; index < ready.length; index++) {
    const name = ready[index]!;
    order.push(name);
    for (const child of children.get(name) ?? []) {
      const left = pending.get(child)! - 1;
      pending.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  if (order.length < nodes.size)
    throw new TopologyError(`topology has a cycle: ${findCycle(nodes, pending).join(' -> ')}`);
  return order;
}

/** Every node left after Kahn's pass has an unfinished parent, so walking parents must repeat a node. */
function findCycle(nodes: ReadonlyMap<string, NodeDefinition>, pending: ReadonlyMap<string, number>): string[] {
  const left = [...pending].filter(([, count]) => count > 0).map(([name]) => name);
  const path: string[] = [left[0]!];
  for (let step = 0; step <= nodes.size; step++) {
    const current = nodes.get(path[path.length - 1]!)!;
    const parent = nodeParents(current).find((name) => (pending.get(name) ?? 0) > 0)!;
    const seen = path.indexOf(parent);
    if (seen >= 0) return [...path.slice(seen), parent].reverse();
    path.push(parent);
  }
  assert(false, 'cycle walk did not close');
}

export function childrenOf(nodes: ReadonlyMap<string, NodeDefinition>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const node of nodes.values()) {
    for (const parent of nodeParents(node)) {
      const list = children.get(parent) ?? [];
      list.push(node.name);
      children.set(parent, list);
    }
  }
  return children;
}

/** Connected components over parent edges and shared stores, ordered by their first node. */
export function components(graph: TopologyGraph, names: readonly string[]): string[][] {
  const root = new Map<string, string>(names.map((name) => [name, name]));
  const find = (name: string): string => {
    let current = name;
    while (root.get(current) !== current) current = root.get(current)!;
    root.set(name, current);
    return current;
  };
  const union = (a: string, b: string) => root.set(find(a), find(b));
  for (const name of names) for (const parent of nodeParents(graph.nodes.get(name)!)) union(name, parent);
  for (const connection of graph.stores.values()) {
    for (const processor of connection.processors.slice(1)) union(processor, connection.processors[0]!);
  }
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const group = groups.get(find(name)) ?? [];
    group.push(name);
    groups.set(find(name), group);
  }
  return [...groups.values()];
}

/** Resolves one component for `appId`: internal topics get the app prefix. */
export function buildSubtopology(id: number, graph: TopologyGraph, members: readonly string[], appId: string) {
  const resolve = (topic: string) => (graph.internalTopics.has(topic) ? `${appId}-${topic}` : topic);
  const memberSet = new Set(members);
  const children = childrenOf(graph.nodes);
  const order = topologicalOrder(graph.nodes).filter((name) => memberSet.has(name));
  const storeNames = [...graph.stores].filter(([, c]) => c.processors.some((p) => memberSet.has(p))).map(([s]) => s);
  const nodes = order.map((name): TaskNode => {
    const node = graph.nodes.get(name)!;
    const stores = storeNames.filter((store) => graph.stores.get(store)!.processors.includes(name));
    const base = { children: children.get(name) ?? [], stores };
    if (node.kind === 'source') return { ...node, ...base, topics: node.topics.map(resolve) };
    if (node.kind === 'sink') return { ...node, ...base, topic: resolve(node.topic) };
    return { ...node, ...base };
  });
  const sources = nodes.flatMap((node) => (node.kind === 'source' ? node.topics : []));
  const sinks = nodes.flatMap((node) => (node.kind === 'sink' ? [node.topic] : []));
  const internal = new Set([...graph.internalTopics].map(resolve));
  const builders = storeNames.map((store) => graph.stores.get(store)!.builder);
  return {
    id,
    nodes,
    sourceTopics: sources,
    sinkTopics: [...new Set(sinks)],
    repartitionSourceTopics: sources.filter((topic) => internal.has(topic)),
    repartitionSinkTopics: [...new Set(sinks.filter((topic) => internal.has(topic)))],
    stores: storeNames,
    changelogTopics: builders.filter((b) => b.loggingEnabled).map((b) => changelogTopicName(appId, b.name)),
    storeBuilders: builders,
    views: nodes.flatMap((node) => (node.kind === 'view-sink' ? [node.view] : [])),
  } satisfies Subtopology;
}
