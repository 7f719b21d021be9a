import { assert } from '../assert.ts';
import type { ProcessorContext, ProcessorSupplier } from '../processor/processor.ts';
import type { StreamRecord } from '../processor/record.ts';
import { statelessSupplier } from './internalBuilder.ts';
import { KStream } from './kstream.ts';

/** Branches per split; each is a child node of the split processor. */
export const SPLIT_BRANCHES_MAX = 256;

interface Branch<K, V> {
  readonly name: string;
  readonly predicate: ((key: K, value: V) => boolean) | null;
}

/**
 * Result of KStream.split(): add named branches, then defaultBranch() or
 * noDefaultBranch() returns the branch streams keyed `<prefix><branch name>`.
 * The first matching predicate wins; unmatched records go to the default branch or nowhere.
 */
export class BranchedKStream<K, V> {
  private readonly source: KStream<K, V>;
  private readonly prefix: string;
  private readonly splitName: string;
  private readonly branches: Array<Branch<K, V>> = [];
  private sealed = false;

  constructor(source: KStream<K, V>, prefix: string | undefined) {
    this.source = source;
    this.splitName = source.builder.name('KSTREAM-SPLIT', prefix === undefined ? undefined : `${prefix}split`);
    this.prefix = prefix ?? `${this.splitName}-`;
  }

  branch(predicate: (key: K, value: V) => boolean, name: string): this {
    this.add({ name, predicate });
    return this;
  }

  defaultBranch(name = 'default'): Map<string, KStream<K, V>> {
    this.add({ name, predicate: null });
    return this.seal();
  }

  noDefaultBranch(): Map<string, KStream<K, V>> {
    return this.seal();
  }

  private add(branch: Branch<K, V>): void {
    assert(!this.sealed, 'split() already finished');
    assert(branch.name.length > 0, 'branch name must not be empty');
    assert(!this.branches.some((other) => other.name === branch.name), `branch ${branch.name} is defined twice`);
    assert(this.branches.length < SPLIT_BRANCHES_MAX, `more than ${SPLIT_BRANCHES_MAX} branches`);
    this.branches.push(branch);
  }

  private seal(): Map<string, KStream<K, V>> {
    assert(!this.sealed, 'split() already finished');
    assert(this.branches.length > 0, 'split() needs at least one branch');
    this.sealed = true;
    const { builder } = this.source;
    const branches = this.branches.map((branch) => ({ ...branch, node: `${this.prefix}${branch.name}` }));
    builder.topology.addProcessor(this.splitName, splitSupplier(branches), this.source.nodeName);
    const result = new Map<string, KStream<K, V>>();
    for (const branch of branches) {
      builder.topology.addProcessor(
        branch.node,
        statelessSupplier((record, forward) => forward(record)),
        this.splitName,
      );
      const serdes = { keySerde: this.source.keySerde, valueSerde: this.source.valueSerde };
      result.set(branch.node, new KStream(builder, branch.node, serdes, this.source.repartitionRequired));
    }
    return result;
  }
}

function splitSupplier<K, V>(branches: ReadonlyArray<Branch<K, V> & { node: string }>): ProcessorSupplier<K, V, K, V> {
  return () => {
    let context: ProcessorContext<K, V>;
    return {
      init(initContext: ProcessorContext<K, V>) {
        context = initContext;
      },
      process(record: StreamRecord<K, V>) {
        const match = branches.find((b) => b.predicate === null || b.predicate(record.key, record.value));
        if (match !== undefined) context.forward(record, match.node);
      },
    };
  };
}
