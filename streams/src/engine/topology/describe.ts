import type { TaskNode } from './nodes.ts';
import type { Subtopology } from './subtopology.ts';

function describeNode(node: TaskNode, parentsOf: ReadonlyMap<string, readonly string[]>): string[] {
  const lines: string[] = [];
  if (node.kind === 'source') lines.push(`    Source: ${node.name} (topics: [${node.topics.join(', ')}])`);
  if (node.kind === 'processor') lines.push(`    Processor: ${node.name} (stores: [${node.stores.join(', ')}])`);
  if (node.kind === 'sink') lines.push(`    Sink: ${node.name} (topic: ${node.topic})`);
  if (node.kind === 'view-sink')
    lines.push(`    View sink: ${node.name} (view: ${node.view.name}, backend: ${node.view.backend})`);
  if (node.children.length > 0) lines.push(`      --> ${node.children.join(', ')}`);
  const parents = parentsOf.get(node.name) ?? [];
  if (parents.length > 0) lines.push(`      <-- ${parents.join(', ')}`);
  return lines;
}

/** Text in the shape of Kafka Streams' TopologyDescription, for logs and reviews. */
export function describeTopology(subtopologies: readonly Subtopology[], global: Subtopology | null): string {
  const lines = ['Topologies:'];
  const all = global === null ? subtopologies : [...subtopologies, global];
  for (const sub of all) {
    const parentsOf = new Map<string, string[]>();
    for (const node of sub.nodes) {
      for (const child of node.children) parentsOf.set(child, [...(parentsOf.get(child) ?? []), node.name]);
    }
    lines.push(sub === global ? '   Global stores:' : `   Sub-topology: ${sub.id}`);
    for (const node of sub.nodes) lines.push(...describeNode(node, parentsOf));
  }
  return `${lines.join('\n')}\n`;
}
