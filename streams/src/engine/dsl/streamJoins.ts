import type { ProcessorContext, ProcessorSupplier } from '../processor/processor.ts';
import type { StreamRecord } from '../processor/record.ts';
import type { Serde } from '../serde/serde.ts';
import type { KeyValueStore } from '../state/keyValueStore.ts';
import { type WindowStore, windowStoreBuilder } from '../state/windowStore.ts';
import { type Named, requireSerde } from './internalBuilder.ts';
import { KStream } from './kstream.ts';
import type { KTable } from './ktable.ts';
import type { StreamJoined } from './options.ts';
import { passThroughSupplier } from './processors.ts';
import type { JoinWindows } from './windows.ts';

/** A table replicated in full to every instance (a global store); joins need no co-partitioning. */
export class GlobalKTable<K, V> {
  readonly storeName: string;
  readonly keySerde: Serde<K>;
  readonly valueSerde: Serde<V>;

  constructor(storeName: string, keySerde: Serde<K>, valueSerde: Serde<V>) {
    this.storeName = storeName;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }
}

type Joiner<K, V, VO> = (value: V, other: VO, key: K) => unknown;

/** Joins each stream record with a looked-up value; inner joins drop records without one. */
function lookupJoinSupplier<K, V, VO>(
  kind: 'inner' | 'left',
  initLookup: (context: ProcessorContext) => (key: K, value: V) => VO | null,
  joiner: Joiner<K, V, VO | null>,
): ProcessorSupplier<K, V | null, K, unknown> {
  return () => {
    let context: ProcessorContext<K, unknown>;
    let lookup: (key: K, value: V) => VO | null;
    return {
      init(initContext: ProcessorContext<K, unknown>) {
        context = initContext;
        lookup = initLookup(initContext);
      },
      process(record: StreamRecord<K, V | null>) {
        if (record.key === null || record.value === null) {
          context.recordDropped(record.key === null ? 'null-key' : 'null-value');
          return;
        }
        const other = lookup(record.key, record.value);
        if (other === null && kind === 'inner') return;
        context.forward({ ...record, value: joiner(record.value, other, record.key) });
      },
    };
  };
}

/** Stream–table join; the stream is repartitioned first if its key changed, so both sides are co-partitioned. */
export function streamTableJoin<K, V, VT>(
  stream: KStream<K, V>,
  table: KTable<K, VT>,
  kind: 'inner' | 'left',
  joiner: Joiner<K, V, VT | null>,
  named: Named | undefined,
): KStream<K, unknown> {
  const builder = stream.builder;
  const name = builder.name(kind === 'inner' ? 'KSTREAM-JOIN' : 'KSTREAM-LEFTJOIN', named?.name);
  const input = stream.repartitionIfRequired(name, table.keySerde);
  const initLookup = (context: ProcessorContext) => {
    const get = table.getter.init(context);
    return (key: K) => get(key);
  };
  builder.topology.addProcessor(name, lookupJoinSupplier(kind, initLookup, joiner), input.nodeName);
  for (const store of table.getter.stores) builder.topology.connectProcessorAndStateStores(store, [name]);
  return new KStream(builder, name, { keySerde: input.keySerde, valueSerde: undefined }, false);
}

/** Stream–GlobalKTable join: the global row is found by `keySelector`, in any partition. */
export function streamGlobalJoin<K, V, GK, GV>(
  stream: KStream<K, V>,
  global: GlobalKTable<GK, GV>,
  kind: 'inner' | 'left',
  keySelector: (key: K, value: V) => GK,
  joiner: Joiner<K, V, GV | null>,
): KStream<K, unknown> {
  const builder = stream.builder;
  const name = builder.name(kind === 'inner' ? 'KSTREAM-GLOBAL-JOIN' : 'KSTREAM-GLOBAL-LEFTJOIN');
  const initLookup = (context: ProcessorContext) => {
    const store = context.getStateStore<KeyValueStore<GK, GV>>(global.storeName);
    return (key: K, value: V) => {
      const globalKey = keySelector(key, value);
      return globalKey === null ? null : (store.get(globalKey) ?? null);
    };
  };
  builder.topology.addProcessor(name, lookupJoinSupplier(kind, initLookup, joiner), stream.nodeName);
  const serdes = { keySerde: stream.keySerde, valueSerde: undefined };
  return new KStream(builder, name, serdes, stream.repartitionRequired);
}

interface SideSpec<K, V, VO> {
  readonly ownStore: string;
  readonly otherStore: string;
  /** This record at t joins other records with timestamps in [t - lowerMs, t + upperMs]. */
  readonly lowerMs: number;
  readonly upperMs: number;
  readonly graceMs: number;
  readonly combine: (mine: V, theirs: VO, key: K) => unknown;
}

/** One side of a windowed join: buffer the record, then pair it with the other side's buffered records. */
function joinSideSupplier<K, V, VO>(spec: SideSpec<K, V, VO>): ProcessorSupplier<K, V | null, K, unknown> {
  return () => {
    let context: ProcessorContext<K, unknown>;
    let own: WindowStore<K, V>;
    let other: WindowStore<K, VO>;
    return {
      init(initContext: ProcessorContext<K, unknown>) {
        context = initContext;
        own = initContext.getStateStore(spec.ownStore);
        other = initContext.getStateStore(spec.otherStore);
      },
      process(record: StreamRecord<K, V | null>) {
        if (record.key === null || record.value === null) {
          context.recordDropped(record.key === null ? 'null-key' : 'null-value');
          return;
        }
        // Every partner that could still arrive would itself be late: this record can never join.
        if (record.timestamp + spec.upperMs + spec.graceMs < context.currentStreamTimeMs()) {
          context.recordDropped('late-record');
          return;
        }
        own.put(record.key, record.value, record.timestamp);
        for (const match of other.fetch(record.key, record.timestamp - spec.lowerMs, record.timestamp + spec.upperMs)) {
          const timestamp = Math.max(record.timestamp, match.windowStartMs);
          context.forward({ ...record, value: spec.combine(record.value, match.value, record.key), timestamp });
        }
      },
    };
  };
}

/** Windowed inner stream–stream join; both sides buffered in duplicate-retaining window stores. */
export function streamStreamJoin<K, V, VO>(
  left: KStream<K, V>,
  right: KStream<K, VO>,
  joiner: Joiner<K, V, VO>,
  windows: JoinWindows,
  joined: StreamJoined<K, V, VO> = {},
): KStream<K, unknown> {
  const builder = left.builder;
  const base = joined.name ?? builder.name('KSTREAM-JOIN');
  const keySerde = requireSerde(joined.keySerde ?? left.keySerde ?? right.keySerde, 'key serde', `join ${base}`);
  const thisSerde = requireSerde(joined.valueSerde ?? left.valueSerde, 'value serde', `join ${base}`);
  const otherSerde = requireSerde(joined.otherValueSerde ?? right.valueSerde, 'other value serde', `join ${base}`);
  const leftIn = left.repartitionIfRequired(`${base}-left`, keySerde, thisSerde);
  const rightIn = right.repartitionIfRequired(`${base}-right`, keySerde, otherSerde);
  const [thisName, otherName, thisStore, otherStore] = ['this', 'other', 'this-store', 'other-store'].map(
    (s) => `${base}-${s}`,
  ) as [string, string, string, string];
  const { beforeMs, afterMs, graceMs } = windows;
  const topology = builder.topology;
  const thisSide: SideSpec<K, V, VO> = {
    ownStore: thisStore,
    otherStore,
    lowerMs: beforeMs,
    upperMs: afterMs,
    graceMs,
    combine: joiner,
  };
  const otherSide: SideSpec<K, VO, V> = {
    ownStore: otherStore,
    otherStore: thisStore,
    lowerMs: afterMs,
    upperMs: beforeMs,
    graceMs,
    combine: (mine, theirs, key) => joiner(theirs, mine, key),
  };
  topology.addProcessor(thisName, joinSideSupplier(thisSide), leftIn.nodeName);
  topology.addProcessor(otherName, joinSideSupplier(otherSide), rightIn.nodeName);
  const options = { retentionMs: windows.retentionMs(), retainDuplicates: true };
  topology.addStateStore(windowStoreBuilder(thisStore, keySerde, thisSerde, options), thisName, otherName);
  topology.addStateStore(windowStoreBuilder(otherStore, keySerde, otherSerde, options), thisName, otherName);
  topology.addProcessor(`${base}-merge`, passThroughSupplier(), thisName, otherName);
  return new KStream(builder, `${base}-merge`, { keySerde, valueSerde: undefined }, false);
}
