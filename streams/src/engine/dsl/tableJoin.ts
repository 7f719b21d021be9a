import type { ProcessorContext, ProcessorSupplier } from '../processor/processor.ts';
import type { StreamRecord } from '../processor/record.ts';
import type { Named } from './internalBuilder.ts';
import { KTable, type ValueGetter } from './ktable.ts';
import { passThroughSupplier } from './processors.ts';

type Combine<K, V, VO, VR> = (value: V | null, otherValue: VO | null, key: K) => VR | null;

/** On an update of one side, looks up the other side and forwards the joined row (null = no row). */
function sideSupplier<K, VThis, VOther, VR>(
  otherGetter: ValueGetter<K, VOther>,
  combine: (mine: VThis | null, theirs: VOther | null, key: K) => VR | null,
): ProcessorSupplier<K, VThis | null, K, VR | null> {
  return () => {
    let context: ProcessorContext<K, VR | null>;
    let lookup: (key: K) => VOther | null;
    return {
      init(initContext: ProcessorContext<K, VR | null>) {
        context = initContext;
        lookup = otherGetter.init(initContext);
      },
      process(record: StreamRecord<K, VThis | null>) {
        if (record.key === null) {
          context.recordDropped('null-key');
          return;
        }
        context.forward({ ...record, value: combine(record.value, lookup(record.key), record.key) });
      },
    };
  };
}

/**
 * Table–table join (co-partitioned: both sides' stores attach to both join
 * processors, which puts them in one sub-topology). Without old values a side
 * update that produces no row forwards a delete, which is idempotent downstream.
 */
export function tableJoin<K, V, VO, VR>(
  left: KTable<K, V>,
  right: KTable<K, VO>,
  kind: 'inner' | 'left',
  combine: Combine<K, V, VO, VR>,
  named?: Named,
): KTable<K, VR> {
  const builder = left.builder;
  const topology = builder.topology;
  const thisName = builder.name('KTABLE-JOINTHIS', named?.name === undefined ? undefined : `${named.name}-this`);
  const otherName = builder.name('KTABLE-JOINOTHER', named?.name === undefined ? undefined : `${named.name}-other`);
  const mergeName = builder.name(kind === 'inner' ? 'KTABLE-JOIN' : 'KTABLE-LEFTJOIN', named?.name);
  topology.addProcessor(thisName, sideSupplier(right.getter, combine), left.nodeName);
  topology.addProcessor(
    otherName,
    sideSupplier<K, VO, V, VR>(left.getter, (o, v, k) => combine(v, o, k)),
    right.nodeName,
  );
  for (const store of right.getter.stores) topology.connectProcessorAndStateStores(store, [thisName]);
  for (const store of left.getter.stores) topology.connectProcessorAndStateStores(store, [otherName]);
  topology.addProcessor(mergeName, passThroughSupplier(), thisName, otherName);
  const getter: ValueGetter<K, VR> = {
    stores: [...left.getter.stores, ...right.getter.stores],
    init(context) {
      const leftLookup = left.getter.init(context);
      const rightLookup = right.getter.init(context);
      return (key) => combine(leftLookup(key), rightLookup(key), key);
    },
  };
  return new KTable(builder, mergeName, { keySerde: left.keySerde, valueSerde: undefined }, getter, null);
}
