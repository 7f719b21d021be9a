import { assert } from '../assert.ts';
import type { ProcessorContext, ProcessorSupplier } from '../processor/processor.ts';
import type { StreamRecord } from '../processor/record.ts';
import type { Serde } from '../serde/serde.ts';
import { TopologyError } from '../topology/errors.ts';
import { Topology } from '../topology/topology.ts';

/** Names are KSTREAM-FILTER-0000000003 as in Kafka Streams: stable while the DSL code is unchanged. */
const NAME_INDEX_DIGITS = 10;

export interface Named {
  /** Overrides the generated processor name; keep names stable to keep internal topic names stable. */
  readonly name?: string;
}

/** Shared by every DSL object of one StreamsBuilder. */
export class InternalStreamsBuilder {
  readonly topology = new Topology();
  private index = 0;
  private built = false;

  /** The given name, or `<prefix>-<index>`; the index advances either way so later names do not shift. */
  name(prefix: string, given?: string): string {
    assert(!this.built, 'the StreamsBuilder was already built; create a new one');
    const generated = `${prefix}-${String(this.index++).padStart(NAME_INDEX_DIGITS, '0')}`;
    return given ?? generated;
  }

  build(): Topology {
    assert(!this.built, 'build() called twice');
    this.built = true;
    this.topology.validate();
    return this.topology;
  }
}

export function requireSerde<T>(serde: Serde<T> | undefined, what: string, where: string): Serde<T> {
  if (serde === undefined) {
    throw new TopologyError(`${where} needs a ${what}: the type changed upstream, so pass one explicitly`);
  }
  return serde;
}

type Forward<K, V> = (record: StreamRecord<K, V>) => void;

/** A processor with no state: `fn` sees each record and may forward any number of results. */
export function statelessSupplier<KIn, VIn, KOut, VOut>(
  fn: (record: StreamRecord<KIn, VIn>, forward: Forward<KOut, VOut>, context: ProcessorContext<KOut, VOut>) => void,
): ProcessorSupplier<KIn, VIn, KOut, VOut> {
  return () => {
    let context: ProcessorContext<KOut, VOut> | null = null;
    const forward: Forward<KOut, VOut> = (record) => context!.forward(record);
    return {
      init(initContext: ProcessorContext<KOut, VOut>) {
        context = initContext;
      },
      process(record: StreamRecord<KIn, VIn>) {
        assert(context !== null, 'processor used before init');
        fn(record, forward, context);
      },
    };
  };
}
